import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import type { MessageKey } from './i18n/catalogues/en.js';
import { localizer, type Params } from './i18n/localizer.js';
import type { PartnerCenterConnectionSettings } from './partnerCenter/connection.js';
import type { StorageSettings } from './storage/ports/storageBackend.js';
import { DEFAULT_IMPORT_LIMITS } from './import/readSpreadsheet.js';

// An operator reads these when the start stops: English, from the same catalogue as everything else.
const english = localizer('en');
const t = (key: MessageKey, params?: Params): string => english.t(key, params);
import {
  PARTNER_ROLES,
  PARTNER_TYPES,
  type PartnerRole,
  type PartnerType,
} from './domain/roles.js';

/** Every setting the bot reads, from environment variables, parsed once at start-up. */

const blankIsUnset = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const integer = (min: number, max: number, fallback: number, what: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^\d+$/, { error: t('config.wholeNumber', { min, max, what }) })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: t('config.atLeast', { min }) })
          .max(max, { error: t('config.atMost', { max }) }),
      )
      .default(fallback),
  );

const optionalText = (rule?: z.ZodString) =>
  z.preprocess(blankIsUnset, (rule ?? z.string()).optional());

/** The Teams clients that ask for the tab's SSO token: desktop and mobile, and web (Teams docs, "Enable SSO for tab app"). */
const TEAMS_DESKTOP_CLIENT_ID = '1fec8e78-bce4-4aaf-ab1b-5451cc387264';
export const TEAMS_WEB_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';

export const DEFAULT_TAB_CLIENT_APP_IDS: readonly string[] = [
  TEAMS_DESKTOP_CLIENT_ID,
  TEAMS_WEB_CLIENT_ID,
];

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shannon entropy per character: a key made of few symbols, or one repeated, is guessable. */
function bitsPerCharacter(key: string): number {
  const counts = new Map<string, number>();
  for (const c of key) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.values()].reduce(
    (bits, n) => bits - (n / key.length) * Math.log2(n / key.length),
    0,
  );
}

const MIN_ADMIN_KEY_LENGTH = 32;
const adminKey = z.string().superRefine((key, ctx) => {
  // App Service passes a Key Vault reference it could not resolve on as its own text: long and
  // varied enough to pass as a key, and public in the deployment template.
  if (/^@Microsoft\.KeyVault\(/i.test(key)) {
    ctx.addIssue({ code: 'custom', message: t('config.adminKeyUnresolved') });
  } else if (key.length < MIN_ADMIN_KEY_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: t('config.adminKeyShort', { min: MIN_ADMIN_KEY_LENGTH }),
    });
  } else if (bitsPerCharacter(key) < 3) {
    ctx.addIssue({
      code: 'custom',
      message: t('config.adminKeyGuessable'),
    });
  }
});

/** An https URL, or http on this machine (the tests' stand-ins); without a trailing slash. */
const serviceUrl = (fallback: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .url({ error: t('config.authorityUrl') })
      .refine(
        (url) =>
          url.startsWith('https://') ||
          /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(url),
        { error: t('config.httpsOnly') },
      )
      .transform((url) => url.replace(/\/+$/, ''))
      .default(fallback),
  );

const hostName = (what: string) =>
  z.preprocess(
    blankIsUnset,
    z
      .string()
      .regex(/^[\w.:-]{1,253}$/, {
        error: t('config.host', { what }),
      })
      .default('127.0.0.1'),
  );

const commaList = (item: z.ZodString, fallback: string[]) =>
  z.preprocess(
    (value) =>
      typeof value === 'string' && value.trim() !== ''
        ? value
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
        : undefined,
    z.array(item).min(1).default(fallback),
  );

/** The limits' defaults: the variables below, the servers and the tab's streams all start from these. */
export const DEFAULT_LIMITS: Limits = {
  maxConnections: 1_000,
  requestTimeoutSeconds: 30,
  tabStreamsPerUser: 5,
  tabStreamsTotal: 500,
  emulatorConversationsPerTenant: 200,
  importMaxBytes: DEFAULT_IMPORT_LIMITS.maxBytes,
  importMaxRows: DEFAULT_IMPORT_LIMITS.maxRows,
  importMaxUnzippedBytes: DEFAULT_IMPORT_LIMITS.maxUnzippedBytes,
};

// The simulated reviewer's delay is a timer: Node's timers hold at most 2^31 - 1 ms (~24.8 days).
const MAX_REVIEW_SECONDS = 2_000_000;

const environmentSchema = z
  .object({
    PORT: integer(1, 65535, 3978, 'the HTTP port'),
    HOST: hostName('the public listener; 0.0.0.0 for every interface'),
    ADMIN_HOST: hostName('the operator API'),
    ADMIN_PORT: integer(1, 65535, 3979, "the operator API's port"),
    ALLOWED_CHANNELS: commaList(
      z.string().regex(/^[a-z0-9_-]{1,64}$/i, {
        error: t('config.channels'),
      }),
      ['msteams'],
    ),
    TAB_CLIENT_APP_IDS: commaList(
      z.string().regex(GUID_PATTERN, { error: t('config.clientIds') }),
      [...DEFAULT_TAB_CLIENT_APP_IDS],
    ),
    MAX_CONNECTIONS: integer(
      10,
      100_000,
      DEFAULT_LIMITS.maxConnections,
      'open connections the public listener accepts',
    ),
    REQUEST_TIMEOUT_SECONDS: integer(
      5,
      300,
      DEFAULT_LIMITS.requestTimeoutSeconds,
      'how long one request may take to arrive',
    ),
    TAB_STREAMS_PER_USER: integer(
      1,
      100,
      DEFAULT_LIMITS.tabStreamsPerUser,
      'live-event streams one tab user may hold open',
    ),
    TAB_STREAMS_TOTAL: integer(
      1,
      50_000,
      DEFAULT_LIMITS.tabStreamsTotal,
      'live-event streams open at once',
    ),
    IMPORT_MAX_BYTES: integer(
      1024,
      64 * 1024 * 1024,
      DEFAULT_LIMITS.importMaxBytes,
      'bytes of one import file',
    ),
    IMPORT_MAX_ROWS: integer(1, 10_000, DEFAULT_LIMITS.importMaxRows, 'rows of one import file'),
    IMPORT_MAX_UNZIPPED_BYTES: integer(
      1024 * 1024,
      512 * 1024 * 1024,
      DEFAULT_LIMITS.importMaxUnzippedBytes,
      'bytes an XLSX import file may unpack to',
    ),
    PUBLIC_URL: z.preprocess(
      blankIsUnset,
      z
        .url({ protocol: /^https?$/ })
        .max(512)
        .optional(),
    ),
    TEAMS_APP_ID: z.preprocess(blankIsUnset, z.uuid().optional()),
    EMULATOR_CONVERSATIONS_PER_TENANT: integer(
      1,
      100_000,
      DEFAULT_LIMITS.emulatorConversationsPerTenant,
      'conversations remembered per tenant without credentials',
    ),
    DATA_DIR: z.preprocess(blankIsUnset, z.string().default('./data')),
    VETTING_REVIEW_SECONDS: integer(
      0,
      MAX_REVIEW_SECONDS,
      30,
      'seconds before the simulated reviewer decides; 0 turns it off',
    ),
    ADMIN_API_KEY: optionalText(adminKey),
    LOG_LEVEL: z.preprocess(
      blankIsUnset,
      z.enum(['debug', 'info', 'warn', 'error'], { error: t('config.logLevel') }).default('info'),
    ),
    MicrosoftAppId: optionalText(
      z.string().regex(/^[0-9a-f-]{36}$/i, {
        error: t('config.botAppId'),
      }),
    ),
    MicrosoftAppPassword: optionalText(),
    MicrosoftAppType: z.preprocess(
      blankIsUnset,
      z
        .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
          error: t('config.appType'),
        })
        .default('MultiTenant'),
    ),
    MicrosoftAppTenantId: optionalText(
      z.string().regex(/^[0-9a-f-]{36}$/i, { error: t('config.tenantId') }),
    ),
    PARTNER_USERS_FILE: optionalText(),
    DEV_USER_ROLE: z.preprocess(
      blankIsUnset,
      z
        .enum(PARTNER_ROLES, { error: t('config.oneOf', { choices: PARTNER_ROLES.join(', ') }) })
        .optional(),
    ),
    STORAGE: z.preprocess(
      blankIsUnset,
      z
        .enum(['lowdb', 'azure'], {
          error: t('config.storage'),
        })
        .default('lowdb'),
    ),
    AZURE_STORAGE_CONNECTION_STRING: optionalText(
      z.string().regex(/AccountName=|UseDevelopmentStorage=true/i, {
        error: t('config.connectionString'),
      }),
    ),
    // Managed identity: the account's endpoints, and the user-assigned identity's client id
    // (also what DefaultAzureCredential reads).
    AZURE_STORAGE_TABLE_URL: optionalText(
      z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { error: t('config.storageEndpoint') }),
    ),
    AZURE_STORAGE_QUEUE_URL: optionalText(
      z.string().regex(/^https:\/\/[^\s/]+(\/\S*)?$/, { error: t('config.storageEndpoint') }),
    ),
    AZURE_CLIENT_ID: optionalText(
      z.string().regex(GUID_PATTERN, { error: t('config.identityClientId') }),
    ),
    AZURE_QUEUE_LEASE_SECONDS: integer(
      2,
      600,
      60,
      'how long a queue message stays hidden while one instance works on it',
    ),
    AAD_APP_CLIENT_ID: optionalText(
      z.string().regex(/^[0-9a-f-]{36}$/i, {
        error: t('config.tabAppId'),
      }),
    ),
    AAD_APP_ID_URI: optionalText(
      z.string().regex(/^api:\/\/\S+$/, {
        error: t('config.appIdUri'),
      }),
    ),
    AAD_APP_OAUTH_AUTHORITY_HOST: z.preprocess(
      blankIsUnset,
      z
        .url({ error: t('config.authorityUrl') })
        .refine(
          (url) =>
            url.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url),
          {
            error: t('config.httpsOnly'),
          },
        )
        .default('https://login.microsoftonline.com'),
    ),
    PARTNER_CENTER: z.preprocess(
      blankIsUnset,
      z.enum(['local', 'api'], { error: t('config.partnerCenterMode') }).default('local'),
    ),
    PARTNER_CENTER_API_URL: serviceUrl('https://api.partnercenter.microsoft.com'),
    AZURE_AUTHORITY_HOST: serviceUrl('https://login.microsoftonline.com'),
    PARTNER_CENTER_TENANT_ID: optionalText(
      z.string().regex(GUID_PATTERN, { error: t('config.tenantId') }),
    ),
    PARTNER_CENTER_CLIENT_ID: optionalText(
      z.string().regex(GUID_PATTERN, { error: t('config.partnerCenterClientId') }),
    ),
    PARTNER_CENTER_CLIENT_SECRET: optionalText(z.string().max(1_000)),
    PARTNER_CENTER_REFRESH_TOKEN: optionalText(z.string().max(20_000)),
    PARTNER_CENTER_POLL_SECONDS: integer(
      1,
      86_400,
      900,
      'the first wait before Partner Center is asked for a decision, doubled after each read that changed nothing',
    ),
    PARTNER_CENTER_POLL_MAX_SECONDS: integer(
      1,
      86_400,
      6 * 3600,
      'the longest wait between two reads of a customer in review',
    ),
    PARTNER_CENTER_CONCURRENCY: integer(1, 50, 4, 'Partner Center calls in flight at once'),
    PARTNER_CENTER_CALLS_PER_SECOND: integer(1, 100, 5, 'Partner Center calls started a second'),
    DEV_PARTNER_TYPE: z.preprocess(
      blankIsUnset,
      z
        .enum(PARTNER_TYPES, { error: t('config.oneOf', { choices: PARTNER_TYPES.join(', ') }) })
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    const endpoints = [env.AZURE_STORAGE_TABLE_URL, env.AZURE_STORAGE_QUEUE_URL];
    if (
      env.STORAGE === 'azure' &&
      !env.AZURE_STORAGE_CONNECTION_STRING &&
      !endpoints.some(Boolean)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_STORAGE_CONNECTION_STRING'],
        message: t('config.requiredForAzure'),
      });
    }
    if (endpoints.some(Boolean) && !endpoints.every(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.AZURE_STORAGE_TABLE_URL ? 'AZURE_STORAGE_QUEUE_URL' : 'AZURE_STORAGE_TABLE_URL'],
        message: t('config.bothEndpoints'),
      });
    }
    if (env.AZURE_STORAGE_CONNECTION_STRING && endpoints.some(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_STORAGE_CONNECTION_STRING'],
        message: t('config.oneAccount'),
      });
    }
    if (env.AAD_APP_CLIENT_ID && !env.AAD_APP_ID_URI) {
      ctx.addIssue({
        code: 'custom',
        path: ['AAD_APP_ID_URI'],
        message: t('config.requiredWithTabApp'),
      });
    }
    if (env.AAD_APP_ID_URI && !env.AAD_APP_CLIENT_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['AAD_APP_CLIENT_ID'],
        message: t('config.requiredWithAppIdUri'),
      });
    }
    if (
      env.PARTNER_CENTER === 'api' &&
      env.PARTNER_CENTER_REFRESH_TOKEN &&
      /^@Microsoft\.KeyVault\(/i.test(env.PARTNER_CENTER_REFRESH_TOKEN)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['PARTNER_CENTER_REFRESH_TOKEN'],
        message: t('config.keyVaultUnresolved'),
      });
    if (env.PARTNER_CENTER === 'api') {
      for (const name of [
        'PARTNER_CENTER_TENANT_ID',
        'PARTNER_CENTER_CLIENT_ID',
        'PARTNER_CENTER_CLIENT_SECRET',
      ] as const) {
        const value = env[name];
        if (!value)
          ctx.addIssue({ code: 'custom', path: [name], message: t('config.requiredForApi') });
        // App Service passes a Key Vault reference it could not resolve on as its own text.
        else if (/^@Microsoft\.KeyVault\(/i.test(value))
          ctx.addIssue({ code: 'custom', path: [name], message: t('config.keyVaultUnresolved') });
      }
    }
    if (!env.MicrosoftAppId) return;
    if (env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppPassword'],
        message: t('config.requiredWithAppId'),
      });
    }
    if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppTenantId'],
        message: t('config.requiredForAppType', { type: env.MicrosoftAppType }),
      });
    }
  });

/** Every variable the bot reads (infra/azure.bicep's settings are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(environmentSchema.shape);

export interface BotCredentials {
  appId: string;
  appPassword?: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  appTenantId?: string;
  /**
   * Where the channel publishes its token signing keys (an OpenID metadata document): the Bot
   * Framework's public cloud unless set. Not an environment variable: the tests' key server.
   */
  openIdMetadataUrl?: string;
}

/**
 * The real Partner Center (api mode): where its API and its token endpoint are, the Secure
 * Application Model's app and refresh token, how often a decision is asked for, and the limits
 * that keep the partner under throttling.
 */
interface PartnerCenterSettings extends PartnerCenterConnectionSettings {
  pollSeconds: number;
  /** The doubling stops here (never below pollSeconds). */
  pollMaxSeconds: number;
}

/** The tab's single sign-on: tokens from Teams are checked against this app registration. */
export interface TabSsoSettings {
  clientId: string;
  /** The audience of v1 tokens (v2 tokens carry the client id). */
  appIdUri: string;
  /** Issuer and signing keys live under it: `<host>/<tenant>/v2.0`, `<host>/<tenant>/discovery/v2.0/keys`. */
  authorityHost: string;
  /** The client applications a token may be issued to (azp / appid): Teams' own, lower case. */
  allowedClientAppIds: string[];
}

/** Bounds on what one client, or all of them, may hold of the process. */
export interface Limits {
  maxConnections: number;
  requestTimeoutSeconds: number;
  tabStreamsPerUser: number;
  tabStreamsTotal: number;
  /** Emulator mode: conversations remembered per tenant (anyone on this machine can make new ones). */
  emulatorConversationsPerTenant: number;
  /** An import file: its bytes, data rows, and (XLSX) the bytes it unpacks to. */
  importMaxBytes: number;
  importMaxRows: number;
  importMaxUnzippedBytes: number;
}

export interface Config {
  /** Where partners' browsers reach this app (links in cards); unset: the public listener's own URL. */
  publicUrl?: string;
  /** The Teams app's id (manifest `id`): deep links from cards to the tab. */
  teamsAppId?: string;
  port: number;
  /** Where the public listener (messages, tab, health) listens: loopback unless HOST says otherwise. */
  host: string;
  /** The operator API's own listener. */
  adminHost: string;
  adminPort: number;
  /** With credentials: the channels whose activities are accepted. */
  allowedChannels: string[];
  limits: Limits;
  dataDir: string;
  storage: StorageSettings;
  /** 0: the simulated reviewer is off; only operators decide. */
  vettingReviewSeconds: number;
  /** Unset: the operator endpoint is off. */
  adminApiKey?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Unset: emulator mode (no authentication on /api/messages). */
  bot?: BotCredentials;
  /** Seed file mapping Teams users to Partner Center roles. */
  partnerUsersFile: string;
  /** Emulator mode only: the role and partner type of users the seed file does not map. */
  devIdentity?: { role: PartnerRole; partnerType: PartnerType };
  /** Unset: the tab's API runs in development mode (loopback only, development identity). */
  tabSso?: TabSsoSettings;
  /** Unset: the local simulation of Partner Center (PARTNER_CENTER=local, the default). */
  partnerCenter?: PartnerCenterSettings;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`${t('config.invalid')}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Environment = z.infer<typeof environmentSchema>;

function storageSettings(e: Environment): StorageSettings {
  if (e.STORAGE !== 'azure') return { kind: 'lowdb' };
  const leaseSeconds = e.AZURE_QUEUE_LEASE_SECONDS;
  if (e.AZURE_STORAGE_CONNECTION_STRING)
    return {
      kind: 'azure',
      account: { connectionString: e.AZURE_STORAGE_CONNECTION_STRING },
      leaseSeconds,
    };
  // The schema has checked that both endpoints are there.
  return {
    kind: 'azure',
    account: {
      tableUrl: e.AZURE_STORAGE_TABLE_URL ?? '',
      queueUrl: e.AZURE_STORAGE_QUEUE_URL ?? '',
      ...(e.AZURE_CLIENT_ID ? { clientId: e.AZURE_CLIENT_ID } : {}),
    },
    leaseSeconds,
  };
}

export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? 'environment');
        const value = env[name];
        return `${name} ${issue.message}${value !== undefined && !/PASSWORD|KEY|CONNECTION_STRING|SECRET|TOKEN/i.test(name) ? ` (got "${value}")` : ''}`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  // Development identities never apply to a bot with real credentials.
  const devIdentity =
    !e.MicrosoftAppId && e.DEV_USER_ROLE && e.DEV_PARTNER_TYPE
      ? { role: e.DEV_USER_ROLE, partnerType: e.DEV_PARTNER_TYPE }
      : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    adminHost: e.ADMIN_HOST,
    adminPort: e.ADMIN_PORT,
    allowedChannels: e.ALLOWED_CHANNELS,
    limits: {
      maxConnections: e.MAX_CONNECTIONS,
      requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
      tabStreamsPerUser: e.TAB_STREAMS_PER_USER,
      tabStreamsTotal: e.TAB_STREAMS_TOTAL,
      emulatorConversationsPerTenant: e.EMULATOR_CONVERSATIONS_PER_TENANT,
      importMaxBytes: e.IMPORT_MAX_BYTES,
      importMaxRows: e.IMPORT_MAX_ROWS,
      importMaxUnzippedBytes: e.IMPORT_MAX_UNZIPPED_BYTES,
    },
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL.replace(/\/+$/, '') } : {}),
    ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
    dataDir,
    storage: storageSettings(e),
    partnerUsersFile: path.resolve(
      e.PARTNER_USERS_FILE ?? path.join(dataDir, 'partner-users.json'),
    ),
    ...(devIdentity ? { devIdentity } : {}),
    vettingReviewSeconds: e.VETTING_REVIEW_SECONDS,
    ...(e.ADMIN_API_KEY ? { adminApiKey: e.ADMIN_API_KEY } : {}),
    logLevel: e.LOG_LEVEL,
    ...(e.AAD_APP_CLIENT_ID && e.AAD_APP_ID_URI
      ? {
          tabSso: {
            clientId: e.AAD_APP_CLIENT_ID,
            appIdUri: e.AAD_APP_ID_URI,
            authorityHost: e.AAD_APP_OAUTH_AUTHORITY_HOST.replace(/\/+$/, ''),
            allowedClientAppIds: e.TAB_CLIENT_APP_IDS.map((id) => id.toLowerCase()),
          },
        }
      : {}),
    ...(e.PARTNER_CENTER === 'api'
      ? {
          partnerCenter: {
            apiUrl: e.PARTNER_CENTER_API_URL,
            authorityHost: e.AZURE_AUTHORITY_HOST,
            // The schema has checked that the three are there.
            tenantId: e.PARTNER_CENTER_TENANT_ID ?? '',
            clientId: e.PARTNER_CENTER_CLIENT_ID ?? '',
            clientSecret: e.PARTNER_CENTER_CLIENT_SECRET ?? '',
            ...(e.PARTNER_CENTER_REFRESH_TOKEN
              ? { refreshToken: e.PARTNER_CENTER_REFRESH_TOKEN }
              : {}),
            pollSeconds: e.PARTNER_CENTER_POLL_SECONDS,
            pollMaxSeconds: e.PARTNER_CENTER_POLL_MAX_SECONDS,
            concurrency: e.PARTNER_CENTER_CONCURRENCY,
            callsPerSecond: e.PARTNER_CENTER_CALLS_PER_SECOND,
          },
        }
      : {}),
    ...(e.MicrosoftAppId
      ? {
          bot: {
            appId: e.MicrosoftAppId,
            appType: e.MicrosoftAppType,
            ...(e.MicrosoftAppPassword ? { appPassword: e.MicrosoftAppPassword } : {}),
            ...(e.MicrosoftAppTenantId ? { appTenantId: e.MicrosoftAppTenantId } : {}),
          },
        }
      : {}),
  };
}

/**
 * Teams Toolkit style: `env/.env.<TEAMSFX_ENV>` (default `local`), then the git-ignored
 * `env/.env.<TEAMSFX_ENV>.user` for secrets. Variables already set in the environment win.
 */
export function environmentWithFiles(
  env: NodeJS.ProcessEnv = process.env,
  root = process.cwd(),
): NodeJS.ProcessEnv {
  const stage = env.TEAMSFX_ENV?.trim() || 'local';
  const fromFiles: NodeJS.ProcessEnv = {};
  for (const file of [`.env.${stage}`, `.env.${stage}.user`]) {
    const filePath = path.join(root, 'env', file);
    if (fs.existsSync(filePath))
      Object.assign(fromFiles, parseEnv(fs.readFileSync(filePath, 'utf8')));
  }
  return { ...fromFiles, ...env };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): Config {
  return parseConfig(environmentWithFiles(env, root));
}

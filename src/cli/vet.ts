import { parseArgs } from 'node:util';
import { z } from 'zod';
import { VETTING_STATUSES } from '../domain/customer.js';
import { environmentWithFiles } from '../config.js';
import { localizer } from '../i18n/localizer.js';

/**
 * Operator CLI over the bot's admin endpoint (the bot process owns the data file):
 *   npm run vet -- approve <idOrDomain>
 *   npm run vet -- deny <idOrDomain> --reason "…"
 *   npm run vet -- list [--status InReview]
 */

// The CLI speaks English, from the same catalogue as the bot.
const i18n = localizer('en');
const USAGE = i18n.t('cli.usage');

const NO_KEY = i18n.t('cli.noKey');
const cliEnvSchema = z.object({
  ADMIN_API_KEY: z.string({ error: NO_KEY }).min(1, { error: NO_KEY }),
  VET_API_URL: z.url({ error: i18n.t('cli.badUrl') }).optional(),
  ADMIN_PORT: z.string().regex(/^\d+$/).optional(),
});

const customer = z.string({ error: i18n.t('cli.noCustomer') }).min(1);
const REASON = i18n.t('cli.noReason');
const commandSchema = z.discriminatedUnion(
  'command',
  [
    z.object({ command: z.literal('approve'), customer, operator: z.string().optional() }),
    z.object({
      command: z.literal('deny'),
      customer,
      reason: z.string({ error: REASON }).trim().min(1, { error: REASON }),
      operator: z.string().optional(),
    }),
    z.object({
      command: z.literal('list'),
      status: z
        .enum(VETTING_STATUSES, {
          error: i18n.t('cli.badStatus', { statuses: VETTING_STATUSES.join(', ') }),
        })
        .optional(),
    }),
    z.object({ command: z.literal('outbox'), retry: z.boolean().optional() }),
  ],
  { error: i18n.t('cli.badCommand') },
);

interface QualificationView {
  customerId: string;
  companyName: string;
  domain: string;
  vettingStatus: string;
  vettingReason?: string;
  vettingCreateDate?: string;
  requestsUsed: number;
  maxRequests: number;
}

function parseCommandLine(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      reason: { type: 'string' },
      status: { type: 'string' },
      operator: { type: 'string' },
      retry: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const command = commandSchema.safeParse({
    command: positionals[0],
    customer: positionals[1],
    ...values,
  });
  if (!command.success) {
    console.error(`${command.error.issues.map((i) => i.message).join('\n')}\n\n${USAGE}`);
    return 2;
  }
  const env = cliEnvSchema.safeParse(environmentWithFiles());
  if (!env.success) {
    console.error(env.error.issues.map((i) => i.message).join('\n'));
    return 2;
  }
  const base = env.data.VET_API_URL ?? `http://localhost:${env.data.ADMIN_PORT ?? '3979'}`;
  const headers = {
    authorization: `Bearer ${env.data.ADMIN_API_KEY}`,
    'content-type': 'application/json',
  };
  const cmd = command.data;

  let response: Response;
  try {
    if (cmd.command === 'list') {
      const rows = await allPages<QualificationView>(
        `${base}/api/admin/customers`,
        { limit: '100', ...(cmd.status ? { status: cmd.status } : {}) },
        'items',
        headers,
      );
      if (rows instanceof Response) return await reportFailure(rows);
      printTable(rows);
      return 0;
    }
    if (cmd.command === 'outbox') {
      if (cmd.retry) {
        response = await fetch(`${base}/api/admin/outbox/retry`, { method: 'POST', headers });
        if (!response.ok) return await reportFailure(response);
        console.log(
          i18n.t('cli.retried', {
            count: ((await response.json()) as { retried: number }).retried,
          }),
        );
        return 0;
      }
      const rows = await allPages<OutboxRow>(
        `${base}/api/admin/outbox`,
        { limit: '200' },
        'deliveries',
        headers,
      );
      if (rows instanceof Response) return await reportFailure(rows);
      printOutbox(rows);
      return 0;
    }
    const body =
      cmd.command === 'approve' ? { status: 'Approved' } : { status: 'Denied', reason: cmd.reason };
    response = await fetch(
      `${base}/api/admin/customers/${encodeURIComponent(cmd.customer)}/decision`,
      {
        method: 'POST',
        headers,
        body: JSON.stringify({ ...body, ...(cmd.operator ? { operator: cmd.operator } : {}) }),
      },
    );
  } catch (error) {
    console.error(i18n.t('cli.unreachable', { url: base, error: (error as Error).message }));
    return 1;
  }
  if (!response.ok) return reportFailure(response);
  const result = (await response.json()) as QualificationView;
  console.log(
    `${result.companyName} (${result.domain}): ${result.vettingStatus}${result.vettingReason ? ` – ${result.vettingReason}` : ''}`,
  );
  return 0;
}

/** Every page of a listing, following nextCursor; the failed response if one fails. */
async function allPages<T>(
  url: string,
  query: Record<string, string>,
  itemsKey: string,
  headers: Record<string, string>,
): Promise<T[] | Response> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const response = await fetch(
      `${url}?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) }).toString()}`,
      { headers },
    );
    if (!response.ok) return response;
    const page = (await response.json()) as Record<string, unknown> & { nextCursor?: string };
    rows.push(...((page[itemsKey] ?? []) as T[]));
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function reportFailure(response: Response): Promise<number> {
  const body = (await response.json().catch(() => ({}))) as {
    message?: string;
    issues?: { field: string; message: string }[];
  };
  console.error(`${response.status}: ${body.message ?? response.statusText}`);
  body.issues?.forEach((issue) => console.error(`  ${issue.field}: ${issue.message}`));
  return 1;
}

interface OutboxRow {
  key: string;
  customerId: string;
  conversationKey: string;
  to: string;
  state: string;
  attempts: number;
  nextAttemptAt: string;
  lastError?: string;
}

function printColumns(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  for (const row of [header, ...rows])
    console.log(
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
}

function printTable(rows: QualificationView[]): void {
  if (rows.length === 0) {
    console.log(i18n.t('cli.noCustomers'));
    return;
  }
  printColumns(
    ['ID', 'DOMAIN', 'STATUS', 'REQUESTS', 'REVIEW STARTED', 'COMPANY'],
    rows.map((r) => [
      r.customerId,
      r.domain,
      r.vettingStatus,
      `${r.requestsUsed}/${r.maxRequests}`,
      r.vettingCreateDate ?? '',
      r.companyName,
    ]),
  );
}

function printOutbox(rows: OutboxRow[]): void {
  if (rows.length === 0) {
    console.log(i18n.t('cli.outboxEmpty'));
    return;
  }
  printColumns(
    ['STATE', 'DECISION', 'CUSTOMER', 'CONVERSATION', 'ATTEMPTS', 'NEXT ATTEMPT', 'LAST ERROR'],
    rows.map((r) => [
      r.state,
      r.to,
      r.customerId,
      r.conversationKey,
      String(r.attempts),
      r.state === 'failed' ? '' : r.nextAttemptAt,
      r.lastError ?? '',
    ]),
  );
}

process.exitCode = await main(process.argv.slice(2));

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_KEY } from './appHarness.js';
import { ChatClient } from './chatClient.js';
import { ConnectorStub } from './connectorStub.js';
import { freePort } from './net.js';
import { eventually, tempDir } from './temp.js';

const INDEX = fileURLToPath(new URL('../../src/index.js', import.meta.url));

/** The settings of a bot process in api mode against the loopback fake Partner Center at `url`. */
export function fakePartnerCenterEnv(url: string): Record<string, string> {
  return {
    PARTNER_CENTER: 'api',
    PARTNER_CENTER_API_URL: url,
    AZURE_AUTHORITY_HOST: url,
    PARTNER_CENTER_TENANT_ID: '8f2d1c3b-4a5e-4f60-9b7c-1d2e3f4a5b6c',
    PARTNER_CENTER_CLIENT_ID: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
    PARTNER_CENTER_CLIENT_SECRET: 'app-secret',
    PARTNER_CENTER_REFRESH_TOKEN: 'consented-refresh-token',
    PARTNER_CENTER_POLL_SECONDS: '3600',
  };
}

/** Resolves once the process on `port` answers /healthz with 200; `what` names it in a timeout. */
export async function untilHealthy(port: number, what: string, timeoutMs = 10_000): Promise<void> {
  await eventually(
    async () =>
      (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok
        ? true
        : undefined,
    timeoutMs,
    what,
  );
}

/**
 * The bot as `npm start` runs it (emulator mode, a Global admin), in a process a test can
 * kill -9 and start again on the same data folder, ports and connector.
 */
export class BotProcess {
  private child: ChildProcess | undefined;

  private constructor(
    private readonly work: { dir: string; remove: () => void },
    readonly connector: ConnectorStub,
    readonly dataDir: string,
    readonly port: number,
    readonly adminPort: number,
    private readonly env: Record<string, string>,
  ) {}

  /** `env`: more settings, or other values for the defaults. */
  static async start(prefix: string, env: Record<string, string> = {}): Promise<BotProcess> {
    const work = tempDir(prefix);
    const bot = new BotProcess(
      work,
      await new ConnectorStub().start(),
      path.join(work.dir, 'data'),
      await freePort(),
      await freePort(),
      env,
    );
    await bot.restart();
    return bot;
  }

  chat(): ChatClient {
    return new ChatClient(() => `http://127.0.0.1:${this.port}`, this.connector);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the process (again), and waits until it is healthy. */
  async restart(): Promise<void> {
    this.child = spawn(process.execPath, ['--disable-warning=DEP0111', INDEX], {
      cwd: this.work.dir,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: String(this.port),
        ADMIN_PORT: String(this.adminPort),
        DATA_DIR: this.dataDir,
        ADMIN_API_KEY: ADMIN_KEY,
        VETTING_REVIEW_SECONDS: '0',
        DEV_USER_ROLE: 'GlobalAdmin',
        DEV_PARTNER_TYPE: 'IndirectProvider',
        ...this.env,
      },
      stdio: 'ignore',
    });
    await untilHealthy(this.port, 'the bot to start');
  }

  /** Freezes the process where it is (SIGSTOP): what it has written stays as it is, until killHard. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  async killHard(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  }

  async dispose(): Promise<void> {
    this.child?.kill('SIGTERM');
    await this.connector.stop();
    this.work.remove();
  }
}

import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp.js';

/**
 * Azurite, the Azure Storage emulator (a devDependency), on loopback with ports the system picks,
 * in memory, telemetry off. The binary is started directly, not through npx, so stopping this
 * PID stops it. Every call is a fresh, empty account.
 */

const BIN = fileURLToPath(new URL('../../../node_modules/.bin/azurite', import.meta.url));
/** Azurite's well-known development account (public, documented; not a secret). */
const ACCOUNT = 'devstoreaccount1';
const KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface Azurite {
  connectionString: string;
  /** The same account, as the storage adapters take it. */
  account: { connectionString: string };
  /** With `identity`: the https endpoints, and the certificate a client must trust to reach them. */
  tableUrl: string;
  queueUrl: string;
  caFile?: string;
  stop(): Promise<void>;
}

/**
 * `identity`: Azurite over https with OAuth on (its "basic" check: audience, issuer and times of
 * a bearer token, not its signature), as a storage account reached with a managed identity is.
 * The certificate is made here with openssl, for 127.0.0.1.
 */
export async function startAzurite(options: { identity?: boolean } = {}): Promise<Azurite> {
  const work = tempDir('azurite-');
  const caFile = path.join(work.dir, 'cert.pem');
  const keyFile = path.join(work.dir, 'key.pem');
  if (options.identity)
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        caFile,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
  const child = spawn(
    BIN,
    [
      '--silent',
      '--inMemoryPersistence',
      '--disableTelemetry',
      // The SDKs may speak a newer service version than this Azurite knows; the calls we use are old.
      '--skipApiVersionCheck',
      ...(options.identity ? ['--oauth', 'basic', '--cert', caFile, '--key', keyFile] : []),
      ...['blob', 'queue', 'table'].flatMap((service) => [
        `--${service}Host`,
        '127.0.0.1',
        `--${service}Port`,
        '0',
      ]),
    ],
    {
      cwd: work.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: work.dir },
    },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    work.remove();
  };
  try {
    const ports = await new Promise<Record<string, string>>((resolve, reject) => {
      const found: Record<string, string> = {};
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`Azurite did not start in 30 s:\n${output}`)),
        30_000,
      );
      child.once('exit', (code) => reject(new Error(`Azurite exited (${code}):\n${output}`)));
      const read = (chunk: Buffer) => {
        output += chunk.toString();
        for (const match of output.matchAll(
          /Azurite (Blob|Queue|Table) service is successfully listening at https?:\/\/127\.0\.0\.1:(\d+)/g,
        )) {
          found[match[1]!] = match[2]!;
        }
        if (found.Blob && found.Queue && found.Table) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
    });
    const scheme = options.identity ? 'https' : 'http';
    const endpoint = (service: string) => `${scheme}://127.0.0.1:${ports[service]}/${ACCOUNT}`;
    const connectionString = `DefaultEndpointsProtocol=${scheme};AccountName=${ACCOUNT};AccountKey=${KEY};BlobEndpoint=${endpoint('Blob')};QueueEndpoint=${endpoint('Queue')};TableEndpoint=${endpoint('Table')};`;
    return {
      connectionString,
      account: { connectionString },
      tableUrl: endpoint('Table'),
      queueUrl: endpoint('Queue'),
      ...(options.identity ? { caFile } : {}),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

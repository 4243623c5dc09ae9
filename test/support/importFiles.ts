import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stringify } from 'csv-stringify/sync';
import { columnHeader, TEMPLATE_COLUMNS } from '../../src/import/columns.js';
import { ImportJobs, type ImportJobsDeps } from '../../src/import/importJobs.js';
import { localizer } from '../../src/i18n/localizer.js';
import { silentLogger } from '../../src/log.js';
import { openImportFolders } from '../../src/storage/lowdb/importFolders.js';
import { customerForm } from './fixtures.js';

/** What the import tests send: files as Teams gives them, served by a stand-in for SharePoint. */

/** A loopback file server standing in for SharePoint: serves what the test put at a path. */
export class FileServer {
  readonly files = new Map<string, Uint8Array>();
  readonly requests: string[] = [];
  private readonly server = http.createServer((req, res) => {
    this.requests.push(req.url ?? '');
    const file = this.files.get(req.url ?? '');
    // restify patches http.ServerResponse process-wide (its writeHead returns nothing): no chaining.
    res.statusCode = file ? 200 : 403;
    if (file) res.setHeader('content-length', file.length);
    res.end(file);
  });
  url = '';
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  put(name: string, bytes: Uint8Array): string {
    const path = `/personal/ann/${encodeURIComponent(name)}?tempauth=t-${this.files.size}`;
    this.files.set(path, bytes);
    return `${this.url}${path}`;
  }
  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** A file as Teams gives it to a bot in the personal chat (teams-platform.md 2.1). */
export const teamsFile = (name: string, downloadUrl: string) => ({
  contentType: 'application/vnd.microsoft.teams.file.download.info',
  contentUrl:
    'https://contoso-my.sharepoint.com/personal/ann/Documents/Microsoft Teams Chat Files/x',
  name,
  content: { downloadUrl, uniqueId: 'item-1', fileType: name.split('.').pop(), etag: '"1"' },
});

/** A CSV with the template's English headers, one row per form (cells that are not text left blank). */
export function formsCsv(rows: readonly Record<string, unknown>[]): Uint8Array {
  const english = localizer('en');
  const header = TEMPLATE_COLUMNS.map((column) => columnHeader(english, column));
  const cells = rows.map((row) =>
    TEMPLATE_COLUMNS.map((column) => (typeof row[column] === 'string' ? row[column] : '')),
  );
  return new TextEncoder().encode(stringify([header, ...cells]));
}

/** `count` valid schools, `<prefix> School <n>` on domain `<prefix><n>`. */
export function schoolsCsv(count: number, prefix = 'fabrikam'): Uint8Array {
  return formsCsv(
    Array.from({ length: count }, (_, i) =>
      customerForm({ companyName: `${prefix} School ${i + 1}`, domain: `${prefix}${i + 1}` }),
    ),
  );
}

/** Import jobs kept in lowdb folders under `dir`, as a restart opens them again: from their files. */
export function importJobsIn(
  dir: string,
  deps: Omit<ImportJobsDeps, 'jobs' | 'rows' | 'log'>,
): ImportJobs {
  const { importJobs, importRows } = openImportFolders(dir);
  return new ImportJobs({ jobs: importJobs, rows: importRows, log: silentLogger, ...deps });
}

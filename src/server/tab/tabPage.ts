import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Request, Response, Server } from 'restify';

/**
 * The tab's page and its files, served by the bot's own server. Only the files listed here (and
 * the page's compiled modules) can be fetched; nothing is read from a path the request names.
 */

const ROOT = new URL('../../../../', import.meta.url);
const PAGE_SOURCES = new URL('src/tab/static/', ROOT);
const PAGE_MODULES = new URL('dist/tab/', ROOT);
const TEAMS_JS = createRequire(import.meta.url).resolve('@microsoft/teams-js');

/** Where Teams and the other Microsoft 365 hosts frame tabs (Teams docs, "Tab requirements"). */
const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
];

const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    // teams-js fetches the current list of Teams origins from this CDN (it has a built-in fallback).
    "connect-src 'self' https://res.cdn.office.net",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${FRAME_ANCESTORS.join(' ')}`,
  ].join('; '),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // The page asks the server again on every load: a new version reaches users at once.
  'Cache-Control': 'no-cache',
};

const STATIC_FILES: Record<string, { file: string; type: string }> = {
  'tab.css': {
    file: fileURLToPath(new URL('tab.css', PAGE_SOURCES)),
    type: 'text/css; charset=utf-8',
  },
  'teams-js.js': { file: TEAMS_JS, type: 'text/javascript; charset=utf-8' },
};

function notFound(res: Response): void {
  res.writeHead(404, { ...PAGE_SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}

async function send(res: Response, file: string, type: string): Promise<void> {
  let body: Buffer;
  try {
    body = await fs.readFile(file);
  } catch {
    notFound(res);
    return;
  }
  res.writeHead(200, {
    ...PAGE_SECURITY_HEADERS,
    'Content-Type': type,
    'Content-Length': body.length,
  });
  res.end(body);
}

export function registerTabPage(server: Server): void {
  const page = fileURLToPath(new URL('index.html', PAGE_SOURCES));
  server.get('/tab', async (_req: Request, res: Response) =>
    send(res, page, 'text/html; charset=utf-8'),
  );
  server.get('/tab/', async (_req: Request, res: Response) =>
    send(res, page, 'text/html; charset=utf-8'),
  );
  server.get('/tab/:file', async (req: Request, res: Response) => {
    const name = (req.params as Record<string, string | undefined>).file ?? '';
    const known = STATIC_FILES[name];
    if (known) return send(res, known.file, known.type);
    // The page's own modules, compiled from src/tab: plain names only.
    if (/^[a-z][a-zA-Z]*\.js$/.test(name))
      return send(
        res,
        fileURLToPath(new URL(name, PAGE_MODULES)),
        'text/javascript; charset=utf-8',
      );
    notFound(res);
    return;
  });
}

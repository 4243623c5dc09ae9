import type { IncomingMessage } from 'node:http';
import { fail, ok, type Result } from '../domain/result.js';
import { refuse, type HttpResult } from './refusal.js';

/**
 * Our own request body reader, in place of restify's bodyParser (which also parses multipart
 * into the temp folder, inflates gzip without bounding the result, and crashes on a body
 * labelled gzip that is not). JSON only, identity encoding only, a byte limit counted while
 * reading, a bounded nesting depth; nothing is written anywhere.
 */

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;
/** Deeper JSON than any activity or form has; recursive code downstream must not overflow. */
const MAX_DEPTH = 64;

function isJsonType(contentType: string | undefined): boolean {
  const [type, ...params] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every(
    (p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"',
  );
}

/** The nesting depth of a parsed JSON value, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [node, depth] = item;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * Reads and drops a refused body, so the client gets its answer instead of a broken pipe; false
 * when it is larger than `maxBytes` (the caller then closes the connection). Nothing is kept.
 */
export async function discardBody(
  req: IncomingMessage,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<boolean> {
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return false;
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) return false;
    }
  } catch {
    return false;
  }
  return true;
}

/** Reads the whole body, refusing what is not small JSON. An empty body reads as undefined. */
export async function readJsonBody(
  req: IncomingMessage,
  maxBytes = DEFAULT_MAX_BODY_BYTES,
): Promise<HttpResult<unknown>> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity')
    return refuse(415, 'UnsupportedEncoding', 'http.unsupportedEncoding');
  const declared = req.headers['content-length'];
  const hasBody =
    (declared !== undefined && declared !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return ok(undefined);
  if (!isJsonType(req.headers['content-type']))
    return refuse(415, 'UnsupportedMediaType', 'http.unsupportedMediaType');
  if (declared !== undefined && Number(declared) > maxBytes)
    return refuse(413, 'BodyTooLarge', 'http.bodyTooLarge', { max: maxBytes });

  const read = await readAtMost(req, maxBytes);
  if (!read.ok)
    return read.error === 'tooLarge'
      ? refuse(413, 'BodyTooLarge', 'http.bodyTooLarge', { max: maxBytes })
      : refuse(400, 'BodyIncomplete', 'http.bodyIncomplete');
  if (read.value.length === 0) return ok(undefined);
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(read.value));
  } catch {
    return refuse(400, 'InvalidJson', 'http.invalidJson');
  }
  if (depthOf(body) > MAX_DEPTH) return refuse(400, 'TooDeep', 'http.tooDeep', { max: MAX_DEPTH });
  return ok(body);
}

export type BytesBodyProblem =
  'unsupportedEncoding' | 'unsupportedType' | 'tooLarge' | 'incomplete';

/**
 * Reads a file sent as the body itself (no multipart: nothing is parsed, nothing touches the
 * disk), counting bytes as they come. Only the listed content types: a browser cannot send
 * them from another site's page without asking first (CORS), which this server never allows.
 */
export async function readBytesBody(
  req: IncomingMessage,
  maxBytes: number,
  contentTypes: readonly string[],
): Promise<Result<Uint8Array, BytesBodyProblem>> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') return fail('unsupportedEncoding');
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!contentTypes.includes(type)) return fail('unsupportedType');
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return fail('tooLarge');
  const read = await readAtMost(req, maxBytes);
  return read.ok ? ok(new Uint8Array(read.value)) : read;
}

/** The body, counted as it comes: at the first byte past `maxBytes` reading stops. */
async function readAtMost(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Result<Buffer, 'tooLarge' | 'incomplete'>> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        // Stop reading; the connection is closed after the answer.
        req.pause();
        return fail('tooLarge');
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return fail('incomplete');
  }
  return ok(Buffer.concat(chunks));
}

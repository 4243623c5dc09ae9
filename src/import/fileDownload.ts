import { fail, ok, type Result } from '../domain/result.js';

/**
 * Fetches a file a partner sent the bot in Teams: the `downloadUrl` of a
 * `file.download.info` attachment, a short-lived SharePoint or OneDrive URL carrying its own
 * token. The URL comes from the activity, so it is trusted for nothing: with credentials, only
 * Teams' file hosts over https, and every redirect must stay on them; in emulator mode, only this
 * machine. The body is read up to the size limit and no further, within a deadline.
 */

export interface DownloadPolicy {
  /** With credentials, isTeamsFileUrl; in emulator mode, this machine only (the wiring says). */
  allows: (url: URL) => boolean;
  maxBytes: number;
  timeoutMs: number;
}

export type DownloadProblem =
  | { code: 'hostNotAllowed'; host: string }
  | { code: 'tooLarge'; max: number }
  | { code: 'downloadFailed'; status?: number };

const MAX_REDIRECTS = 3;

/** The hosts Teams keeps files on: OneDrive for Business and SharePoint, and OneDrive. */
const TEAMS_FILE_HOSTS = [/\.sharepoint\.com$/, /^onedrive\.live\.com$/, /\.files\.1drv\.com$/];

export const isTeamsFileUrl = (url: URL): boolean =>
  url.protocol === 'https:' &&
  TEAMS_FILE_HOSTS.some((host) => host.test(url.hostname.toLowerCase()));

export async function downloadFile(
  address: string,
  policy: DownloadPolicy,
): Promise<Result<Uint8Array, DownloadProblem>> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return fail({ code: 'hostNotAllowed', host: address.slice(0, 100) });
  }
  const deadline = AbortSignal.timeout(policy.timeoutMs);
  try {
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      if (!policy.allows(url)) return fail({ code: 'hostNotAllowed', host: url.hostname });
      const response = await fetch(url, { redirect: 'manual', signal: deadline });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        url = new URL(location, url);
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        return fail({ code: 'downloadFailed', status: response.status });
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      if (declared > policy.maxBytes) {
        await response.body.cancel();
        return fail({ code: 'tooLarge', max: policy.maxBytes });
      }
      return await readAtMost(response.body, policy.maxBytes);
    }
    return fail({ code: 'downloadFailed' });
  } catch {
    // The deadline, a refused connection, a reset: the partner can send the file again.
    return fail({ code: 'downloadFailed' });
  }
}

async function readAtMost(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Result<Uint8Array, DownloadProblem>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return fail({ code: 'tooLarge', max: maxBytes });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return ok(bytes);
}

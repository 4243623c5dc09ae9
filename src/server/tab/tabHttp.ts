import type { Request, Response } from 'restify';
import { z } from 'zod';
import { localizer, type Localizer } from '../../i18n/localizer.js';
import type { TabError } from '../../tab/contract.js';
import type { TabCaller } from './tabAuth.js';

/** What every route of the tab's API shares: its headers, its errors, its reader. */

export const API_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  more: { field?: string; details?: string[] } = {},
): void {
  const body: TabError = {
    error: {
      code,
      message,
      ...(more.field ? { field: more.field } : {}),
      ...(more.details ? { details: more.details } : {}),
    },
  };
  res.send(status, body, API_HEADERS);
}

const locale = z
  .string()
  .max(35)
  .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$/)
  .optional()
  .catch(undefined);

// The page's browser time zone; the localizer falls back to UTC for one Intl does not know.
const timeZone = z.string().max(64).optional().catch(undefined);

/** The reader the page says it has: `?locale=&timeZone=`. */
export const readerOf = (req: Request): Localizer => {
  const query = req.query as Record<string, unknown> | undefined;
  return localizer({
    locale: locale.parse(query?.locale),
    timeZone: timeZone.parse(query?.timeZone),
  });
};

/** A route of the tab for an authenticated caller, who may see customers. */
export type CallerHandler = (
  req: Request,
  res: Response,
  caller: TabCaller,
  i18n: Localizer,
) => Promise<void>;

/** A route of the tab's API: its method, its path, its handler. */
export type TabRoute = [method: 'get' | 'post', path: string, handler: CallerHandler];

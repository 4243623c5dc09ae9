import type { Response } from 'restify';
import { fail, type Result } from '../domain/result.js';
import type { MessageKey } from '../i18n/catalogues/en.js';
import { localizer, type Params } from '../i18n/localizer.js';

/** Bad input at the HTTP boundary: the 4xx, a stable code, and what to do (naming the field, when one is at fault). */
export interface HttpRefusal {
  status: 400 | 403 | 413 | 415;
  code: string;
  message: string;
  field?: string;
}

export type HttpResult<T> = Result<T, HttpRefusal>;

// HTTP clients read English, from the same catalogue as everyone else (http.* keys); codes stay stable.
const english = localizer('en');

export const refuse = (
  status: HttpRefusal['status'],
  code: string,
  message: MessageKey,
  params: Params = {},
  field?: string,
): HttpResult<never> =>
  fail({ status, code, message: english.t(message, params), ...(field ? { field } : {}) });

/** An HTTP answer's message, in English. */
export const httpMessage = (key: MessageKey, params?: Params): string => english.t(key, params);

/** The refusal as the client reads it: `{code, message, field?}`, nothing internal. */
export function sendRefusal(res: Response, { status, ...body }: HttpRefusal): void {
  res.send(status, body);
}

import type { Response } from 'restify';
import { fail, type Result } from '../domain/result.js';

/** Bad input at the HTTP boundary: the 4xx, a stable code, and what to do (naming the field, when one is at fault). */
export interface HttpRefusal {
  status: 400 | 403 | 413 | 415;
  code: string;
  message: string;
  field?: string;
}

export type HttpResult<T> = Result<T, HttpRefusal>;

export const refuse = (
  status: HttpRefusal['status'],
  code: string,
  message: string,
  field?: string,
): HttpResult<never> => fail({ status, code, message, ...(field ? { field } : {}) });

/** The refusal as the client reads it: `{code, message, field?}`, nothing internal. */
export function sendRefusal(res: Response, { status, ...body }: HttpRefusal): void {
  res.send(status, body);
}

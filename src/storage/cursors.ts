/**
 * Page cursors as callers see them: opaque base64url text. Inside, a store keeps what it needs
 * to resume: an offset (lowdb, searches) or the Table service's continuation token.
 */

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A cursor that is not one of ours reads as undefined: the caller starts from the beginning. */
function decode(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export const offsetCursor = (offset: number): string => encode({ o: offset });

export function offsetOf(cursor: string | undefined): number {
  const o = decode(cursor)?.o;
  return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : 0;
}

export const tokenCursor = (token: string): string => encode({ t: token });

export function tokenOf(cursor: string | undefined): string | undefined {
  const t = decode(cursor)?.t;
  return typeof t === 'string' ? t : undefined;
}

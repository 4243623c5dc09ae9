import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization: Bearer …` header carries the expected key. Both sides are hashed
 * first so the comparison takes the same time whatever the length or content of the guess.
 */
export function hasBearerKey(header: string | undefined, expectedKey: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  const presented = createHash('sha256')
    .update(match?.[1] ?? '')
    .digest();
  const expected = createHash('sha256').update(expectedKey).digest();
  return timingSafeEqual(presented, expected) && match !== null;
}

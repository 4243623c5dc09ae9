import type { z } from 'zod';

/**
 * The one way an HTTP route reads what a client sent: `input` parsed by its schema, or, when it
 * does not fit, undefined once `refuse` has answered the 400 (in the route's own body shape).
 */
export function parseOr400<T>(
  schema: z.ZodType<T>,
  input: unknown,
  refuse: (error: z.ZodError) => void,
): T | undefined {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  refuse(parsed.error);
  return undefined;
}

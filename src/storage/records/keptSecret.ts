import { z } from 'zod';

/**
 * A secret the bot must keep across restarts because it changes while it runs: Partner Center's
 * refresh token, which each exchange replaces. On lowdb a 0600 file in a 0700 folder; on Azure a
 * table row. Never logged.
 */
export const keptSecretSchema = z.object({
  key: z.string().min(1).max(100),
  value: z.string().min(1).max(20_000),
  keptAt: z.iso.datetime(),
});
export type KeptSecret = z.infer<typeof keptSecretSchema>;

/** The secrets' one partition. */
export const secretPartition = (): string => 'secrets';

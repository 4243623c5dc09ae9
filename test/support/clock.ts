import type { Clock } from '../../src/domain/clock.js';
import { NOW } from './fixtures.js';

/**
 * A clock that reads `start` when made and then runs at the machine's pace: timers, retries and
 * review delays behave as in production, while every date a test sees is the one it states,
 * whatever today is.
 */
function clockStartingAt(start: Date | string): Clock {
  const offset = new Date(start).getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The day the suites live on unless they say otherwise (fixtures' NOW). */
export const testClock = (): Clock => clockStartingAt(NOW);

import assert from 'node:assert/strict';
import { DueQueue } from '../../src/service/dueQueue.js';

/** The poller's queue against the obvious model (a map scanned and sorted), on seeded random operations. */
describe("the poller's due queue", () => {
  it('takes what a full scan would take, earliest first, through sets, moves and deletes', () => {
    let state = 7;
    const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const queue = new DueQueue();
    const model = new Map<string, number>();
    let now = 0;
    for (let step = 0; step < 5_000; step++) {
      const id = `c${Math.floor(random() * 300)}`;
      const roll = random();
      if (roll < 0.55) {
        const at = now + Math.floor(random() * 1_000);
        queue.set(id, at);
        model.set(id, at);
      } else if (roll < 0.7) {
        queue.delete(id);
        model.delete(id);
      } else {
        now += Math.floor(random() * 200);
        const limit = 1 + Math.floor(random() * 10);
        const expected = [...model.entries()]
          .filter(([, at]) => at <= now)
          .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
          .slice(0, limit);
        const taken = queue.takeDue(now, limit);
        // Ties may come in either order: compare the times, then the sets of ids.
        assert.deepEqual(
          taken.map((t) => model.get(t)),
          expected.map(([, at]) => at),
          `step ${step}`,
        );
        for (const t of taken) model.delete(t);
      }
      assert.equal(queue.size, model.size);
      assert.equal(queue.nextAt(), Math.min(Infinity, ...model.values()));
    }
  });
});

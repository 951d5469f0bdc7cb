// ContentWatch: a pass over every version only when data_version moved, sliced so the event loop gets turns, and
// one more pass when another write came in during one.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { ApprovedContent } from '../../server/services/audit-integrity.js';
import { ContentWatch } from '../../server/services/content-watch.js';

/** Versions 1..n; each check busy-waits `ms` per version, as re-hashing a large document does. */
function versions(n: number, ms: number) {
  const checked: number[] = [];
  const integrity = {
    checkFrom(after: number, count: number): number {
      const ids = Array.from({ length: n }, (_, i) => i + 1)
        .filter((id) => id > after)
        .slice(0, count);
      for (const id of ids) {
        const until = performance.now() + ms;
        while (performance.now() < until);
        checked.push(id);
      }
      return ids.length < count ? 0 : ids[ids.length - 1];
    },
  } as unknown as ApprovedContent;
  return { integrity, checked };
}

describe('ContentWatch', () => {
  it('does nothing until data_version moves, then checks every version once', () => {
    let version = 7;
    const { integrity, checked } = versions(10, 0);
    // A slice long enough for the whole pass even on a busy machine (slicing is the next test's subject).
    const watch = new ContentWatch(() => version, integrity, { sliceMs: 5000 });
    const stop = watch.start();
    watch.poll();
    expect(checked).toEqual([]);
    version = 8;
    watch.poll();
    expect(checked).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(watch.passes).toBe(1);
    watch.poll();
    expect(watch.passes).toBe(1);
    stop();
  });

  it('slices a long pass (the event loop runs between slices) and runs one more pass for a write during it', async () => {
    let version = 1;
    const { integrity, checked } = versions(40, 1);
    const watch = new ContentWatch(() => version, integrity, { sliceMs: 5 });
    const stop = watch.start();
    version = 2;
    watch.poll();
    // The first slice stopped after about 5 ms: well short of the 40 versions.
    expect(checked.length).toBeGreaterThan(0);
    expect(checked.length).toBeLessThan(20);
    version = 3;
    watch.poll();
    watch.poll();
    const deadline = Date.now() + 5000;
    while (watch.passes < 2 && Date.now() < deadline) await sleep(5);
    await sleep(50);
    expect(watch.passes).toBe(2);
    expect(checked.length).toBe(80);
    stop();
  });

  it('stopped, it checks nothing more', async () => {
    let version = 1;
    const { integrity, checked } = versions(40, 1);
    const watch = new ContentWatch(() => version, integrity, { sliceMs: 2 });
    watch.start();
    version = 2;
    watch.poll();
    watch.stop();
    const seen = checked.length;
    await sleep(50);
    expect(checked.length).toBe(seen);
    expect(watch.passes).toBe(0);
  });
});

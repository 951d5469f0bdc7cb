// The soak's verdict (bench/soak.ts): flat unless the last third's mean RSS rose past both thresholds.
import { describe, expect, it } from 'vitest';
import { memoryVerdict } from '../../bench/soak.js';

const samples = (mbs: number[]) => mbs.map((rssMb, i) => ({ t: (i + 1) * 10, rssMb }));

describe('memoryVerdict', () => {
  it('ignores the warm-up and calls noise flat', () => {
    const v = memoryVerdict(samples([90, 140, 130, 135, 128, 133, 131, 136, 129]), 20, 10);
    expect(v.used).toBe(7);
    expect(v.flat).toBe(true);
  });

  it('calls a steady climb growth', () => {
    const v = memoryVerdict(samples([130, 130, 140, 150, 160, 170, 180, 190, 200]), 20, 10);
    expect(v.flat).toBe(false);
    expect(v.lastMb).toBeGreaterThan(v.firstMb);
  });

  it('needs more than 8 MB as well as the percentage', () => {
    expect(memoryVerdict(samples([50, 50, 50, 57, 57, 57]), 0, 10).flat).toBe(true);
  });
});

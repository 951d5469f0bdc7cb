// Re-linking a parameter whose value a copied table holds as constants (copies made before references were kept).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../server/engine/compile.js';
import type { Scheme } from '../../server/schemas/scheme.js';
import { relinkParameter } from '../../web-components/lib/parameter-links.js';

const baseline = (id: string) => JSON.parse(readFileSync(new URL(`../../rulesets/${id}.json`, import.meta.url), 'utf8')) as Scheme;

describe('relinkParameter', () => {
  it.each(['enterprise-baseline', 'organ-baseline'])('gives %s back its references from the copy with values in their place', (id) => {
    const stored = baseline(id);
    // What a copy made before the fix held: every {"param": …} replaced by the baseline's value.
    let copy = compile(stored).scheme;
    expect(JSON.stringify(copy)).not.toContain('"param"');
    let total = 0;
    for (const p of stored.parameters ?? []) {
      const r = relinkParameter(copy, p, [p.value]);
      expect(r.count, p.name).toBeGreaterThan(0);
      total += r.count;
      copy = r.scheme;
    }
    expect(total).toBe(JSON.stringify(stored).split('{"param":').length - 1);
    expect(copy.items).toEqual(stored.items);
    expect(copy.exclusions).toEqual(stored.exclusions);
  });

  it('matches the baseline’s sample value after the unit changed its own, and leaves other constants alone', () => {
    const doc = {
      items: [
        {
          id: '1',
          when: {
            or: [
              { '>=': [{ var: 'amount' }, 5_000_000] },
              { '>=': [{ var: 'amount' }, 300] },
              { '<=': [5_000_000, { var: 'amount' }, 9e9] },
            ],
          },
        },
      ],
    } as unknown as Scheme;
    const p = { name: 'largeAmount', label: '大额资金标准', type: 'number' as const, value: 10_000_000 };
    expect(relinkParameter(doc, p, [p.value]).count).toBe(0);
    const r = relinkParameter(doc, p, [p.value, 5_000_000]);
    expect(r.count).toBe(2);
    expect(r.scheme.items[0].when).toEqual({
      or: [
        { '>=': [{ var: 'amount' }, { param: 'largeAmount' }] },
        { '>=': [{ var: 'amount' }, 300] },
        { '<=': [{ param: 'largeAmount' }, { var: 'amount' }, 9e9] },
      ],
    });
    expect(doc.items[0].when).toEqual({
      or: [{ '>=': [{ var: 'amount' }, 5_000_000] }, { '>=': [{ var: 'amount' }, 300] }, { '<=': [5_000_000, { var: 'amount' }, 9e9] }],
    });
  });

  it('never guesses a yes/no parameter back', () => {
    const doc = { items: [{ id: '1', when: { '==': [{ var: 'actionRequired' }, true] } }] } as unknown as Scheme;
    expect(relinkParameter(doc, { name: 'flag', label: '标志', type: 'boolean', value: true }, [true]).count).toBe(0);
  });
});

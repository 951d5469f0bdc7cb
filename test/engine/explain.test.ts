// Reasons: a condition's wording variants must say exactly what composing the sentences for the record says.
import { describe, expect, it } from 'vitest';
import { STANDARD_FIELDS } from '../../server/schemas/fields.js';
import { Explainer } from '../../server/engine/explain.js';
import { compileLogic, holds } from '../../server/engine/logic-compile.js';
import { Gen, mulberry32, randomLogic, randomRecord } from './random-logic.js';

const explainer = () => new Explainer(new Map(STANDARD_FIELDS.map((f) => [f.name, f])));
const title = (word: string) => ({ in: [word, { var: 'title' }] });

describe('Explainer', () => {
  it('words the alternative of an "or" that held first, alongside the fixed conditions', () => {
    const e = explainer();
    const logic = { and: [{ '==': [{ var: 'origin' }, 'own'] }, { or: [title('纪要'), title('决议')] }] };
    const w = e.compile(logic);
    expect(w.variants).toBe(3); // 纪要, 决议, neither
    const record = { origin: 'own', title: '董事会决议' };
    expect(w.sentences(w.choose(record))).toEqual(['来源为“本单位”', '题名包含“决议”']);
    expect(e.explain(logic, record)).toEqual(['来源为“本单位”', '题名包含“决议”']);
    expect(Object.isFrozen(w.sentences(0))).toBe(true);
  });

  it('gives the same sentences by variant as by composing them, on 20,000 random conditions and records', () => {
    const g = new Gen(mulberry32(42));
    let compared = 0;
    for (let i = 0; i < 4000; i++) {
      const logic = { and: [randomLogic(g), { or: [randomLogic(g), randomLogic(g), { and: [randomLogic(g), { or: [randomLogic(g), true] }] }] }] };
      const fn = compileLogic(logic);
      const e = explainer();
      const w = e.compile(logic);
      for (let j = 0; j < 5; j++) {
        const record = randomRecord(g);
        let ok: boolean;
        try {
          ok = holds(fn, record);
        } catch {
          continue;
        }
        if (!ok) continue;
        expect(w.variants).toBeGreaterThan(0);
        expect([...w.sentences(w.choose(record))], JSON.stringify({ logic, record })).toEqual(e.explain(logic, record));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

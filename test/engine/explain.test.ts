// Reasons: a condition's wording variants must say exactly what composing the sentences for the record says.
import jsonLogic from 'json-logic-js';
import { describe, expect, it } from 'vitest';
import { STANDARD_FIELDS } from '../../server/schemas/fields.js';
import { Explainer } from '../../server/engine/explain.js';
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
    expect(e.evaluator(logic)(record)).toBe(true);
    expect(w.sentences(w.chosen())).toEqual(['来源为“本单位”', '题名包含“决议”']);
    expect(e.explain(logic, record)).toEqual(['来源为“本单位”', '题名包含“决议”']);
    expect(Object.isFrozen(w.sentences(0))).toBe(true);
  });

  it('evaluates as json-logic-js does and remembers which way it held, on 20,000 random conditions and records', () => {
    const g = new Gen(mulberry32(7));
    let held = 0;
    for (let i = 0; i < 4000; i++) {
      const logic = {
        and: [
          randomLogic(g),
          {
            or: [
              randomLogic(g),
              { '!!': [{ or: [randomLogic(g), randomLogic(g)] }] },
              { and: [randomLogic(g), { or: [randomLogic(g), true] }] },
            ],
          },
        ],
      };
      const e = explainer();
      const evaluate = e.evaluator(logic);
      const w = e.compile(logic);
      for (let j = 0; j < 5; j++) {
        const record = randomRecord(g);
        let expected: unknown;
        try {
          expected = jsonLogic.apply(logic as jsonLogic.RulesLogic, record);
        } catch {
          expect(() => evaluate(record)).toThrow();
          continue;
        }
        const where = JSON.stringify({ logic, record });
        expect(evaluate(record), where).toEqual(expected);
        if (!jsonLogic.truthy(expected)) continue;
        expect([...w.sentences(w.chosen())], where).toEqual(e.explain(logic, record));
        held++;
      }
    }
    expect(held).toBeGreaterThan(1000);
  });

  it('remembers the same alternative when conditions share an "or" (the same object in both)', () => {
    const e = explainer();
    const shared = { or: [title('纪要'), title('决议')] };
    const a = { and: [{ '==': [{ var: 'origin' }, 'own'] }, shared] };
    const b = { and: [shared, { '==': [{ var: 'docType' }, '决议'] }] };
    const [evalA, evalB] = [e.evaluator(a), e.evaluator(b)];
    const record = { origin: 'own', title: '董事会决议', docType: '决议' };
    expect(jsonLogic.truthy(evalA(record))).toBe(true);
    expect(jsonLogic.truthy(evalB(record))).toBe(true);
    expect(e.compile(a).sentences(e.compile(a).chosen())).toEqual(['来源为“本单位”', '题名包含“决议”']);
    expect(e.compile(b).sentences(e.compile(b).chosen())).toEqual(['题名包含“决议”', '文种为“决议”']);
  });
});

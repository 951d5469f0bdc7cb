// `sanheyi check` points at a JSON syntax error itself (Node's messages do not always carry a position).
import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../server/cli/files.js';
import { Gen, mulberry32 } from '../engine/random-logic.js';

describe('jsonErrorOffset', () => {
  it('points at the first character that cannot continue the JSON text', () => {
    expect(jsonErrorOffset('{"a": [1, 2,]}')).toBe(12);
    expect(jsonErrorOffset('{"a" 1}')).toBe(5);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": "x\\q"}')).toBe(8);
    expect(jsonErrorOffset('{"a": [1, 2]')).toBe(12); // ends too early
    expect(jsonErrorOffset('{"a": {"b": [true, null, -1.5e3, "\\u4e2d"]}, "c": []}')).toBe(-1);
    expect(jsonErrorOffset('{} x')).toBe(3);
  });

  it('finds an error exactly when JSON.parse does, on 5,000 randomly damaged documents', () => {
    const g = new Gen(mulberry32(11));
    const doc = JSON.stringify(
      {
        items: [{ id: '1.1', when: { in: ['决议', { var: 'title' }] }, retention: ['Y', 'D30'], n: -2.5e3, ok: true, none: null }],
        tests: [],
      },
      null,
      1,
    );
    for (let k = 0; k < 5000; k++) {
      const at = g.int(doc.length);
      const damaged = doc.slice(0, at) + g.pick(['', ',', '}', ']', '"', ':', 'x', ' ', '\\']) + doc.slice(at + g.int(2));
      let parses = true;
      try {
        JSON.parse(damaged);
      } catch {
        parses = false;
      }
      expect(jsonErrorOffset(damaged) === -1, damaged).toBe(parses);
    }
  });
});

// The keyword automaton (compact Aho-Corasick DFA) must report exactly the keywords a naive search finds.
import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../server/engine/aho-corasick.js';
import { mulberry32 } from './random-logic.js';

function naive(keywords: string[], text: string): number[] {
  const found: number[] = [];
  keywords.forEach((k, id) => {
    for (let at = text.indexOf(k); at >= 0; at = text.indexOf(k, at + 1)) found.push(id);
  });
  return found.sort((a, b) => a - b);
}

/** One buffer for every scan, as the index uses it: stale entries past the count must not leak into a result. */
const buffer: number[] = [];

function scan(matcher: KeywordMatcher, text: string): number[] {
  const n = matcher.scan(text, buffer);
  return buffer.slice(0, n).sort((a, b) => a - b);
}

describe('KeywordMatcher', () => {
  it('finds overlapping, nested and repeated keywords, Chinese and surrogate pairs', () => {
    const keywords = ['会议', '会议纪要', '议纪', '纪要', '要', '党委会', '委会议', '𠀋文'];
    const m = new KeywordMatcher();
    keywords.forEach((k, id) => m.add(k, id));
    m.build();
    for (const text of ['党委会议纪要', '会议纪要纪要', '关于召开党委会会议的通知', '', '无关文字', '𠀋文和𠀋', '会会议议纪纪要要']) {
      expect(scan(m, text), text).toEqual(naive(keywords, text));
    }
  });

  it('agrees with a naive search on 20,000 random texts over a small alphabet (many failure transitions)', () => {
    const rand = mulberry32(7);
    const alphabet = ['甲', '乙', '丙', '丁', 'a'];
    const word = (min: number, max: number) => {
      let s = '';
      const n = min + Math.floor(rand() * (max - min + 1));
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      return s;
    };
    for (let round = 0; round < 200; round++) {
      const keywords = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 12) }, () => word(1, 5)))];
      const m = new KeywordMatcher();
      keywords.forEach((k, id) => m.add(k, id));
      m.build();
      for (let t = 0; t < 100; t++) {
        const text = word(0, 30) + (rand() < 0.2 ? '其他' : '');
        expect(scan(m, text), `${JSON.stringify(keywords)} in ${text}`).toEqual(naive(keywords, text));
      }
    }
  });

  it('refuses keywords added after build', () => {
    const m = new KeywordMatcher();
    m.add('纪要', 0);
    m.build();
    expect(() => m.add('决议', 1)).toThrow(/after build/);
  });
});

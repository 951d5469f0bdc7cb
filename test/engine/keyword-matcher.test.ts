// The keyword automaton (compact Aho-Corasick DFA) must report exactly the keywords a naive search finds, each once,
// in time linear in the text whatever keywords a scheme holds.
import { describe, expect, it } from 'vitest';
import { KeywordMatcher } from '../../server/engine/aho-corasick.js';
import { mulberry32 } from './random-logic.js';

function naive(keywords: string[], text: string): number[] {
  const found: number[] = [];
  keywords.forEach((k, id) => {
    if (text.includes(k)) found.push(id);
  });
  return found;
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

  it('agrees with a naive search when lists are capped (many keywords sharing prefixes and suffixes)', () => {
    const rand = mulberry32(11);
    const alphabet = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'];
    const word = (min: number, max: number, letters = alphabet.length) => {
      let s = '';
      const n = min + Math.floor(rand() * (max - min + 1));
      for (let i = 0; i < n; i++) s += alphabet[Math.floor(rand() * letters)];
      return s;
    };
    for (let round = 0; round < 50; round++) {
      const keywords = [...new Set(Array.from({ length: 200 }, () => word(1, 6, round % 2 ? 20 : 6)))];
      const m = new KeywordMatcher();
      keywords.forEach((k, id) => m.add(k, id));
      m.build();
      for (let t = 0; t < 40; t++) {
        const text = word(0, 60, round % 2 ? 20 : 6);
        expect(scan(m, text), `${text}`).toEqual(naive(keywords, text));
      }
    }
  });

  it('reports 300 nested keywords once each in a 2,000-character text (600,000 reports before)', () => {
    const m = new KeywordMatcher();
    for (let i = 1; i <= 300; i++) m.add('会'.repeat(i), i - 1);
    m.build();
    expect(m.scan('会'.repeat(2000), buffer)).toBe(300);
    expect(m.scan(`${'会'.repeat(150)}议`, buffer)).toBe(150);
  });

  it('steps through a text in linear time when a state has thousands of edges', () => {
    // Keywords 甲X for 2,000 different X, and 甲甲…: before, every state 甲…甲 carried all of them in its list and each
    // step scanned it (20 scans of 20,000 characters: about 400 million comparisons).
    const m = new KeywordMatcher();
    const letters = Array.from({ length: 2000 }, (_, i) => String.fromCharCode(0x4e00 + 100 + i));
    letters.forEach((x, id) => m.add(`甲${x}`, id));
    m.add('甲'.repeat(8), letters.length);
    m.build();
    const time = (text: string) => {
      const start = performance.now();
      for (let r = 0; r < 20; r++) m.scan(text, buffer);
      return performance.now() - start;
    };
    // Before: 2.5 s (each step at a state 甲…甲 scanned 2,000 entries); now a few milliseconds, so the bound is generous.
    const last = `甲${letters[letters.length - 1]}`.repeat(5_000) + '甲'.repeat(10_000);
    expect(time(last)).toBeLessThan(1_000);
    expect(m.scan(last, buffer)).toBe(2);
  });

  it('refuses keywords added after build', () => {
    const m = new KeywordMatcher();
    m.add('纪要', 0);
    m.build();
    expect(() => m.add('决议', 1)).toThrow(/after build/);
  });
});

// 档号 prefixes per DA/T 22-2015 5.4.2: 全宗号-门类代码·年度-保管期限代码-机构（问题）代码, e.g. Z109-WS·2011-Y-BGS.
import type { RetentionCode } from '../schemas/retention-codes.js';
import { BoundedCache } from './bounded-cache.js';
import type { ClassEntry } from './classes.js';

/** Prefixes kept per class: a year's worth of codes for a few centuries of records, bounded for odd input. */
const MAX_CACHED = 4096;

/**
 * The 档号 prefixes of one class when the scheme segments by class (问题 = the class codes below the 门类). Every row
 * of the class gives the same prefix for a year and retention, so they are built once and shared by those rows:
 * one small cache per class stays in the processor's cache where one per row would not.
 */
export class ClassCodes {
  private readonly cache = new BoundedCache<number, string>(MAX_CACHED);
  /** 全宗号-门类代码· : the part before the year. */
  readonly head: string;
  private readonly segment: string;

  constructor(fonds: string | undefined, klass: ClassEntry) {
    this.head = (fonds ? `${fonds}-` : '') + `${klass.codes[0]}·`;
    this.segment = klass.codes.length > 1 ? '-' + klass.codes.slice(1).join('·') : '';
  }

  /** The prefix for a formation year and retention code; `rank` numbers the code (distinct for distinct codes). */
  of(year: number, code: RetentionCode, rank: number): string {
    const key = year * 128 + rank;
    return this.cache.get(key) ?? this.cache.keep(key, `${this.head}${yearText(year)}-${code}${this.segment}`);
  }

  /** The prefix segmented by a department code instead of the class (scheme `archivalCode.segment: "department"`). */
  byDepartment(year: number, code: RetentionCode, department: string): string {
    return `${this.head}${yearText(year)}-${code}-${department}`;
  }
}

/** A year as the 档号 writes it: four digits. */
function yearText(year: number): string {
  return String(year).padStart(4, '0');
}

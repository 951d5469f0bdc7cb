// Aho-Corasick keyword automaton, compiled to a compact DFA: finds every keyword occurring in a text in one pass.
//
// Characters that occur in no keyword map to class 0 and send the automaton back to the root. Of each state's
// transitions only those that differ from the root's are stored (a short list, usually one or two entries), so a
// step is a lookup of the character's class, a scan of that short list, and else the root's transition.
//
// The character → class table is compact (a compiled scheme holds one automaton per searched field, and a service
// keeps many schemes): a bit per UTF-16 code unit (8 KB) answers "in no keyword" for most characters of a text at the
// cost of one array read, and the few that are in a keyword find their class in a small open-addressing hash table
// (twice as many slots as classes), instead of a 128 KB array indexed by character code.

export class KeywordMatcher {
  private trie: Map<number, number>[] = [new Map()];
  private ends: number[][] = [[]];

  /** One bit per character code: set iff the character occurs in some keyword. */
  private inKeyword = new Int32Array(0);
  /** Character code → class (1…), open addressing with linear probing: keys, classes (0 = empty slot), mask. */
  private slotChar = new Uint16Array(1);
  private slotClass = new Uint16Array(1);
  private slotMask = 0;
  /** The root's transition for each class. */
  private rootNext = new Int32Array(0);
  /** Per state: its transitions that differ from the root's, as (class, target) pairs in a flat list. */
  private exceptStart = new Int32Array(1);
  private exceptClass = new Uint16Array(0);
  private exceptTarget = new Int32Array(0);
  /** Per state: the payload ids of the keywords ending there (including those reached by failure links). */
  private outStart = new Int32Array(1);
  private outIds = new Int32Array(0);
  private built = false;

  /** Registers `keyword` (non-empty) with a payload id reported when it occurs. */
  add(keyword: string, id: number): void {
    if (this.built) throw new Error('KeywordMatcher: add after build');
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      let to = this.trie[state].get(c);
      if (to === undefined) {
        to = this.trie.length;
        this.trie.push(new Map());
        this.ends.push([]);
        this.trie[state].set(c, to);
      }
      state = to;
    }
    this.ends[state].push(id);
  }

  build(): this {
    const { trie, ends } = this;
    const states = trie.length;

    const classes0 = new Map<number, number>();
    for (const next of trie) {
      for (const c of next.keys()) if (!classes0.has(c)) classes0.set(c, classes0.size + 1);
    }
    const classes = classes0.size;
    if (classes >= 0xffff) throw new Error('KeywordMatcher: too many distinct characters');
    let slots = 8;
    while (slots < classes * 2) slots *= 2;
    const mask = slots - 1;
    const slotChar = new Uint16Array(slots);
    const slotClass = new Uint16Array(slots);
    const inKeyword = new Int32Array(0x10000 >>> 5);
    for (const [c, k] of classes0) {
      inKeyword[c >>> 5] |= 1 << (c & 31);
      let h = hashOf(c) & mask;
      while (slotClass[h] !== 0) h = (h + 1) & mask;
      slotChar[h] = c;
      slotClass[h] = k;
    }
    const classOf = (c: number) => classes0.get(c)!;

    // Breadth-first, so that a state's failure target (always shallower) is complete before the state is reached.
    // δ(s, c) = goto(s, c) if present, else δ(fail(s), c); the root's transitions are the reference row.
    const rootNext = new Int32Array(classes + 1);
    for (const [c, to] of trie[0]) rootNext[classOf(c)] = to;
    const fail = new Int32Array(states);
    const except: Map<number, number>[] = new Array(states);
    const out: number[][] = new Array(states);
    except[0] = new Map();
    out[0] = [];
    const queue = [0];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (const [c, to] of trie[s]) {
        const k = classOf(c);
        fail[to] = s === 0 ? 0 : (except[fail[s]].get(k) ?? rootNext[k]);
        out[to] = [...ends[to], ...out[fail[to]]];
        // A child's exceptions: its failure state's, overridden by its own trie edges (never the root's targets).
        except[to] = new Map(except[fail[to]]);
        for (const [c2, to2] of trie[to]) except[to].set(classOf(c2), to2);
        queue.push(to);
      }
    }

    const exceptStart = new Int32Array(states + 1);
    const outStart = new Int32Array(states + 1);
    for (let s = 0; s < states; s++) {
      exceptStart[s + 1] = exceptStart[s] + except[s].size;
      outStart[s + 1] = outStart[s] + out[s].length;
    }
    const exceptClass = new Uint16Array(exceptStart[states]);
    const exceptTarget = new Int32Array(exceptStart[states]);
    const outIds = new Int32Array(outStart[states]);
    for (let s = 0; s < states; s++) {
      let k = exceptStart[s];
      for (const [cls, to] of except[s]) {
        exceptClass[k] = cls;
        exceptTarget[k++] = to;
      }
      outIds.set(out[s], outStart[s]);
    }

    this.inKeyword = inKeyword;
    this.slotChar = slotChar;
    this.slotClass = slotClass;
    this.slotMask = mask;
    this.rootNext = rootNext;
    this.exceptStart = exceptStart;
    this.exceptClass = exceptClass;
    this.exceptTarget = exceptTarget;
    this.outStart = outStart;
    this.outIds = outIds;
    this.built = true;
    this.trie = [];
    this.ends = [];
    return this;
  }

  /**
   * Writes to `into[0…n)` the payload id of every keyword occurrence in `text` (an id may appear more than once) and
   * returns n. `into` is a buffer reused across calls: it grows as needed and is never shrunk, so a scan allocates
   * nothing; entries from n on are stale.
   */
  scan(text: string, into: number[]): number {
    const { inKeyword, slotChar, slotClass, slotMask, rootNext, exceptStart, exceptClass, exceptTarget, outStart, outIds } = this;
    let state = 0;
    let n = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if ((inKeyword[c >>> 5] & (1 << (c & 31))) === 0) {
        state = 0;
        continue;
      }
      let h = hashOf(c) & slotMask;
      while (slotChar[h] !== c) h = (h + 1) & slotMask;
      const k = slotClass[h];
      let next = -1;
      for (let e = exceptStart[state], end = exceptStart[state + 1]; e < end; e++) {
        if (exceptClass[e] === k) {
          next = exceptTarget[e];
          break;
        }
      }
      state = next < 0 ? rootNext[k] : next;
      for (let o = outStart[state], end = outStart[state + 1]; o < end; o++) into[n++] = outIds[o];
    }
    return n;
  }
}

/** Spreads character codes over the table (CJK codes of one keyword are often neighbours). */
function hashOf(c: number): number {
  return Math.imul(c, 0x9e3779b1) >>> 16;
}

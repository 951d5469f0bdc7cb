// Aho-Corasick keyword automaton, compiled to a compact DFA: finds every keyword occurring in a text in one pass.
//
// Characters that occur in no keyword map to class 0 and send the automaton back to the root. Of each state's
// transitions only those that differ from the root's are stored (a short list, usually one or two entries), so a
// step is a lookup of the character's class, a scan of that short list, and else the root's transition.
//
// A hostile scheme must not make a scan more than linear in the text (hundreds of nested keywords 会, 会会, 会会会 …
// took 59 ms on a 2,000-character title). So a state's list is capped at MAX_EXCEPT entries: past that it keeps only
// its own trie edges and the scan follows its failure link, which costs at most one step back per character read
// (the classic amortised bound). And a keyword is reported once per scan, not once per occurrence: a state's own
// keywords are reported with those of its dictionary-suffix chain, and a walk down that chain stops at the first
// state already reported in this scan, so the reporting is bounded by the keywords found. A state with more own
// edges than MAX_EXCEPT (甲 followed by 2,000 different characters) keeps them in a hash table instead of its list.
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
  /** Per state: its list was capped, so a class not in it is looked up from the failure state (`fail`). */
  private capped = new Uint8Array(1);
  /** Transitions of states with more own edges than MAX_EXCEPT, by `state * 0x10000 + class` (their lists are empty). */
  private wide = new Map<number, number>();
  private fail = new Int32Array(1);
  /** Per state: the payload ids of the keywords ending exactly there. */
  private outStart = new Int32Array(1);
  private outIds = new Int32Array(0);
  /** Per state: the nearest state on its failure chain where a keyword ends (−1: none). */
  private dictLink = new Int32Array(1);
  /** Per state: the scan that last reported it, and the current scan's number. */
  private reported = new Int32Array(1);
  private scanNumber = 0;
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
    const capped = new Uint8Array(states);
    const except: Map<number, number>[] = new Array(states);
    const dictLink = new Int32Array(states).fill(-1);
    except[0] = new Map();
    const delta = (state: number, k: number): number => {
      for (let s = state; ; s = fail[s]) {
        const to = except[s].get(k);
        if (to !== undefined) return to;
        if (s === 0 || !capped[s]) return rootNext[k];
      }
    };
    const queue = [0];
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (const [c, to] of trie[s]) {
        const k = classOf(c);
        const f = s === 0 ? 0 : delta(fail[s], k);
        fail[to] = f;
        dictLink[to] = ends[f].length ? f : dictLink[f];
        // A child's exceptions: its failure state's, overridden by its own trie edges (never the root's targets) —
        // unless that list would pass the cap: then only its own edges, and the failure state answers the rest.
        const own = trie[to];
        if (!capped[f] && except[f].size + own.size <= MAX_EXCEPT) {
          except[to] = new Map(except[f]);
        } else {
          except[to] = new Map();
          capped[to] = 1;
        }
        for (const [c2, to2] of own) except[to].set(classOf(c2), to2);
        queue.push(to);
      }
    }

    const exceptStart = new Int32Array(states + 1);
    const outStart = new Int32Array(states + 1);
    const wide = new Map<number, number>();
    for (let s = 0; s < states; s++) {
      if (except[s].size > MAX_EXCEPT) {
        for (const [cls, to] of except[s]) wide.set(s * 0x10000 + cls, to);
        except[s].clear();
      }
      exceptStart[s + 1] = exceptStart[s] + except[s].size;
      outStart[s + 1] = outStart[s] + ends[s].length;
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
      outIds.set(ends[s], outStart[s]);
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
    this.capped = capped;
    this.wide = wide;
    this.fail = fail;
    this.dictLink = dictLink;
    this.reported = new Int32Array(states);
    this.built = true;
    this.trie = [];
    this.ends = [];
    return this;
  }

  /**
   * Writes to `into[0…n)` the payload id of every keyword occurring in `text`, each keyword once (an id added for
   * several keywords may appear more than once), and returns n. Work is linear in the text plus the keywords found.
   * `into` is a buffer reused across calls: it grows as needed and is never shrunk, so a scan allocates nothing;
   * entries from n on are stale.
   */
  scan(text: string, into: number[]): number {
    const { inKeyword, slotChar, slotClass, slotMask, rootNext, exceptStart, exceptClass, exceptTarget, capped, fail } = this;
    const { outStart, outIds, dictLink, reported, wide } = this;
    if (++this.scanNumber === 0x7fffffff) {
      this.scanNumber = 1;
      reported.fill(0);
    }
    const scanNumber = this.scanNumber;
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
      for (;;) {
        let next = -1;
        const from = exceptStart[state];
        const to = exceptStart[state + 1];
        if (from === to && wide.size) next = wide.get(state * 0x10000 + k) ?? -1;
        for (let e = from; e < to; e++) {
          if (exceptClass[e] === k) {
            next = exceptTarget[e];
            break;
          }
        }
        if (next >= 0) {
          state = next;
          break;
        }
        if (state === 0 || capped[state] === 0) {
          state = rootNext[k];
          break;
        }
        state = fail[state];
      }
      // This state's keywords and its dictionary-suffix chain's, down to the first state already reported.
      for (let s = outStart[state] < outStart[state + 1] ? state : dictLink[state]; s >= 0 && reported[s] !== scanNumber; s = dictLink[s]) {
        reported[s] = scanNumber;
        for (let o = outStart[s], end = outStart[s + 1]; o < end; o++) into[n++] = outIds[o];
      }
    }
    return n;
  }
}

/** A state's transitions that differ from the root's, stored at most: more and it defers to its failure state. */
const MAX_EXCEPT = 16;

/** Spreads character codes over the table (CJK codes of one keyword are often neighbours). */
function hashOf(c: number): number {
  return Math.imul(c, 0x9e3779b1) >>> 16;
}

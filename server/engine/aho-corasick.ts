// Aho-Corasick automaton: finds every keyword occurring in a text in one pass (title keyword rows).

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Payload ids of keywords ending here, including those reached by failure links. */
  out: number[];
}

export class KeywordMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private built = false;

  /** Registers `keyword` (non-empty) with a payload id reported when it occurs. */
  add(keyword: string, id: number): void {
    if (this.built) throw new Error('KeywordMatcher: add after build');
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      let to = this.nodes[state].next.get(c);
      if (to === undefined) {
        to = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        this.nodes[state].next.set(c, to);
      }
      state = to;
    }
    this.nodes[state].out.push(id);
  }

  build(): this {
    const queue: number[] = [];
    for (const to of this.nodes[0].next.values()) queue.push(to);
    for (let head = 0; head < queue.length; head++) {
      const s = queue[head];
      for (const [c, to] of this.nodes[s].next) {
        queue.push(to);
        let f = this.nodes[s].fail;
        while (f !== 0 && !this.nodes[f].next.has(c)) f = this.nodes[f].fail;
        const target = this.nodes[f].next.get(c);
        this.nodes[to].fail = target !== undefined && target !== to ? target : 0;
        const inherited = this.nodes[this.nodes[to].fail].out;
        if (inherited.length) this.nodes[to].out = [...this.nodes[to].out, ...inherited];
      }
    }
    this.built = true;
    return this;
  }

  /** Calls `hit(id)` for every keyword occurrence in `text` (an id may be reported more than once). */
  scan(text: string, hit: (id: number) => void): void {
    const nodes = this.nodes;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let to = nodes[state].next.get(c);
      while (to === undefined && state !== 0) {
        state = nodes[state].fail;
        to = nodes[state].next.get(c);
      }
      state = to ?? 0;
      const out = nodes[state].out;
      for (let k = 0; k < out.length; k++) hit(out[k]);
    }
  }
}

// The rows' conditions kept as UTF-8 JSON once compiled, and parsed again when a wording needs one. The parsed trees
// (an object and an array per node) are most of what a document holds in memory, and after compiling only the
// explanations read them — for the rows a version's records reach, once each.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class ConditionTexts {
  private readonly bytes: Uint8Array;
  /** Condition i is bytes[ends[i - 1] … ends[i]) (ends[-1] = 0). */
  private readonly ends: Int32Array;

  constructor(conditions: readonly unknown[]) {
    const parts = conditions.map((c) => encoder.encode(JSON.stringify(c)));
    this.ends = new Int32Array(parts.length);
    let n = 0;
    parts.forEach((p, i) => {
      n += p.length;
      this.ends[i] = n;
    });
    this.bytes = new Uint8Array(n);
    parts.forEach((p, i) => this.bytes.set(p, i === 0 ? 0 : this.ends[i - 1]));
  }

  /** The length of condition i in UTF-8 bytes. */
  size(i: number): number {
    return this.ends[i] - (i === 0 ? 0 : this.ends[i - 1]);
  }

  /** A fresh parse of condition i. */
  get(i: number): unknown {
    return JSON.parse(decoder.decode(this.bytes.subarray(i === 0 ? 0 : this.ends[i - 1], this.ends[i])));
  }
}

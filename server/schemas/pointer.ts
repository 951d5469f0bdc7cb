// JSON Pointers (RFC 6901) naming where in a document a problem is; no dependencies, so the web bundle can use it.

/** One validation problem: a JSON Pointer into the checked document and a sentence for a person. */
export interface FieldError {
  path: string;
  message: string;
}

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + escapePointer(s)).join('');
}

// Browser stand-in for server/schemas/ajv.ts in the web bundle: the JSON Pointer helpers the engine's pure modules use.
//
// The engine's diff (server/engine/diff.ts) reaches ajv.ts only for `pointer`/`escapePointer` (and validate.ts's
// module-level `checker`); shipping ajv to the browser for that is not worth it. scripts/build-web.mjs substitutes
// this file; test/web/shims.test.ts checks it agrees with the original.
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

/** Schema validation runs on the service; the page never validates a document itself. */
export function checker<T>(_schema: object): (value: unknown, base?: string) => { ok: true; value: T } | { ok: false; errors: FieldError[] } {
  return () => {
    throw new Error('方案校验在服务端进行（浏览器中不可用）');
  };
}

// The page reaches the engine only through server/engine/browser.ts, and that entry pulls in nothing of Node
// (node:crypto hashing, the compiler's file access): checked on the sources, type-only imports included.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENTRY = join(ROOT, 'server', 'engine', 'browser.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** `from '…'` specifiers of a file; `values` leaves out `import type` / `export type`. */
function specifiers(file: string, values = false): string[] {
  const text = readFileSync(file, 'utf8');
  const re = /^(import|export)(\s+type)?[^;]*?from\s+'([^']+)'/gms;
  return [...text.matchAll(re)].filter((m) => !(values && m[2])).map((m) => m[3]);
}

describe('the web and the engine', () => {
  it('imports no engine file but the browser entry', () => {
    const offenders = sources(join(ROOT, 'web-components')).flatMap((f) =>
      specifiers(f)
        .filter((s) => /server\/engine\//.test(s) && !s.endsWith('server/engine/browser.js'))
        .map((s) => `${relative(ROOT, f)}: ${s}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the browser entry reaches no Node module through its value imports', () => {
    const seen = new Set<string>();
    const node: string[] = [];
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const s of specifiers(file, true)) {
        if (s.startsWith('node:')) node.push(`${relative(ROOT, file)}: ${s}`);
        else if (s.startsWith('.')) walk(resolve(dirname(file), s.replace(/\.js$/, '.ts')));
      }
    };
    walk(ENTRY);
    expect(seen.size).toBeGreaterThan(5);
    expect(node).toEqual([]);
  });
});

// Each schema is compiled by ajv in one place: a second `checker(x)` of the same schema is a second source of
// truth for the same shape (the record's once lived in three files).
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

describe('ajv checkers', () => {
  it('compile each schema in one file only', () => {
    const where = new Map<string, string[]>();
    for (const file of sources(join(ROOT, 'server'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bchecker(?:<[^>(]*>)?\(\s*(\w+)\s*\)/g)) {
        where.set(m[1], [...(where.get(m[1]) ?? []), relative(ROOT, file)]);
      }
    }
    expect(where.get('recordShape')).toEqual(['server/schemas/record-check.ts']);
    expect([...where].filter(([, files]) => files.length > 1)).toEqual([]);
  });
});

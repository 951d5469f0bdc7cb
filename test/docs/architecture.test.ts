// The README's architecture section and the folder tree say the same thing: every folder is described there.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Architecture at a glance'), readme.indexOf('Dependencies beyond'));
/** Folders that are not the project's own source: installed, built or written by runs. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'data', 'test-results', 'coverage']);

const folders = (dir: string) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !NOT_SOURCE.has(d.name))
    .map((d) => d.name);

describe('README architecture section', () => {
  it('names every top-level folder', () => {
    expect(folders('.').filter((f) => !section.includes(`${f}/`))).toEqual([]);
  });

  it('names every folder of server/ and the ones below services/, schemas/ and spreadsheet/', () => {
    const missing = folders('server').filter((f) => !section.includes(`  ${f}/`));
    for (const parent of ['services', 'schemas', 'spreadsheet']) {
      missing.push(...folders(`server/${parent}`).filter((f) => !section.includes(`    ${f}/`)));
    }
    expect(missing).toEqual([]);
  });
});

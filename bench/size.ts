// `npm run bench:size`: what one compiled scheme version holds in memory. N generated 300-row schemes (default 20)
// are compiled, then 2,000 records each are classified, with `detail: 'minimal'` and with full detail (in separate
// processes, so one does not warm the other); the heap (with array buffers) is measured after gc() at each step.
// Prints MB per version against what the compiled cache charges for it: its document's characters ×
// BYTES_PER_DOCUMENT_CHAR, plus the explanations it has built (`explanationBytes`). The charge must not be below
// what is held, with minimal or full detail.
//
//   node --expose-gc dist/bench/size.js [--versions 20]
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { compileValid } from '../server/engine/index.js';
import { classifyRecord } from '../server/engine/prepare-record.js';
import { BYTES_PER_DOCUMENT_CHAR } from '../server/services/compiled-cache.js';
import { generateRecords, generateScheme } from './generate.js';

const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc!();
  gc!();
  return v8.getHeapStatistics().used_heap_size + process.memoryUsage().arrayBuffers;
};

/** One measurement in this process: bytes per version after compiling and after classifying. */
function measure(versions: number, detail: 'minimal' | 'full'): { compiled: number; warmed: number; chars: number; explained: number } {
  const gens = Array.from({ length: versions }, (_, i) => generateScheme(i + 1, 300));
  const records = gens.map((g, i) => JSON.parse(JSON.stringify([...generateRecords(g, 2000, 1000 + i)])) as Record<string, unknown>[]);
  const docs = gens.map((g) => JSON.parse(JSON.stringify(g.scheme)));
  const chars = JSON.stringify(docs[0]).length;
  // The engine's own code warmed on another scheme first, so only what each version holds is counted.
  const warm = compileValid(JSON.parse(JSON.stringify(generateScheme(999, 300).scheme)), { version: 1 });
  for (const r of records[0]) classifyRecord(warm, r, new Set(warm.fields.keys()), { detail });
  gens.length = 0;
  const before = heap();
  // As the service compiles: the document is not kept (it can be read again from the database).
  const compiled = docs.map((d, i) => compileValid(d, { version: 1, document: () => generateScheme(i + 1, 300).scheme }));
  docs.length = 0;
  const afterCompile = heap();
  compiled.forEach((c, i) => {
    const fields = new Set(c.fields.keys());
    for (const r of records[i]) classifyRecord(c, r, fields, { detail });
  });
  const afterUse = heap();
  const explained = compiled.reduce((sum, c) => sum + c.explanationBytes, 0) / versions;
  return { compiled: (afterCompile - before) / versions, warmed: (afterUse - before) / versions, chars, explained };
}

function main(): void {
  const { values } = parseArgs({ options: { versions: { type: 'string', default: '20' }, only: { type: 'string' } } });
  const versions = Number(values.versions);
  if (!gc) throw new Error('run with node --expose-gc');
  if (values.only === 'minimal' || values.only === 'full') {
    process.stdout.write(JSON.stringify(measure(versions, values.only)));
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const run = (detail: string) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        ['--expose-gc', ...process.execArgv.filter((a) => a !== '--expose-gc'), self, '--versions', String(versions), '--only', detail],
        {
          encoding: 'utf8',
        },
      ),
    ) as ReturnType<typeof measure>;
  const minimal = run('minimal');
  const full = run('full');
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  const charged = (m: ReturnType<typeof measure>) => m.chars * BYTES_PER_DOCUMENT_CHAR + m.explained;
  console.log(`一个编译后的 300 条款方案（文档 ${full.chars.toLocaleString('en-US')} 字符），${versions} 个版本的平均：`);
  console.log(`  编译后 ${mb(full.compiled)}；分类 2,000 条记录后：detail=minimal ${mb(minimal.warmed)}，完整说明 ${mb(full.warmed)}`);
  for (const [name, m] of [
    ['detail=minimal', minimal],
    ['完整说明', full],
  ] as const) {
    const low = charged(m) < m.warmed;
    console.log(
      `  ${name}：编译缓存计 ${mb(charged(m))}（每字符 ${BYTES_PER_DOCUMENT_CHAR} 字节 + 说明 ${mb(m.explained)}），实占 ${mb(m.warmed)}${low ? '（低估！）' : ''}`,
    );
  }
}

main();

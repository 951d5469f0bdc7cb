// `sanheyi check <方案.json>`: validates a scheme, runs its tests and prints the analysis (exit 0 / 1 / 2).
import type { FieldError } from '../schemas/ajv.js';
import type { SchemeClass } from '../schemas/scheme.js';
import { flattenClasses } from '../engine/classes.js';
import { type Analysis, type Finding, analyse, compileValid, validateScheme } from '../engine/index.js';
import { parseOptions, positionals, runCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { formatErrors, readJsonFile } from './files.js';

const USAGE = `用法: sanheyi check <方案.json> [--json]

校验三合一方案文件，运行方案自带的测试，并给出分析结果。
  --json   以 JSON 输出分析结果（便于其他程序读取）

退出码: 0 方案有效、测试全部通过且没有“错误”级问题；1 方案无效、测试未通过或有“错误”级问题；
        2 用法错误、文件无法读取或不是有效的 JSON。
`;

const SEVERITY_WORDS: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

interface CheckReport {
  file: string;
  valid: boolean;
  errors: FieldError[];
  ok: boolean;
  stats?: { rows: number; classes: number; exclusions: number; tests: number };
  tests?: { passed: number; failed: number; outcomes: { index: number; name: string; passed: boolean; failures: string[] }[] };
  findings?: Finding[];
  counts?: Analysis['counts'];
}

export function run(args: string[]): Promise<number> {
  return runCommand(USAGE, async () => {
    const { values, positionals: found } = parseOptions(args, { json: { type: 'boolean' } });
    const [file] = positionals(found, ['方案文件']) as [string];
    const doc = await readJsonFile(file);
    const report = checkDocument(file, doc);
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report, doc));
    return report.ok ? EXIT.ok : EXIT.failed;
  });
}

function checkDocument(file: string, doc: unknown): CheckReport {
  const checked = validateScheme(doc);
  if (!checked.ok) return { file, valid: false, errors: checked.errors, ok: false };
  const compiled = compileValid(checked.scheme);
  const analysis = analyse(compiled);
  const { scheme } = compiled;
  return {
    file,
    valid: true,
    errors: [],
    ok: analysis.tests.failed === 0 && analysis.counts.error === 0,
    stats: {
      rows: compiled.stats.rows,
      classes: flattenClasses(scheme.classes as SchemeClass[]).length,
      exclusions: compiled.stats.exclusions,
      tests: scheme.tests?.length ?? 0,
    },
    tests: {
      passed: analysis.tests.passed,
      failed: analysis.tests.failed,
      outcomes: analysis.tests.outcomes.map(({ index, name, passed, failures }) => ({ index, name, passed, failures })),
    },
    findings: analysis.findings,
    counts: analysis.counts,
  };
}

function formatReport(report: CheckReport, doc: unknown): string {
  const out: string[] = [];
  const head = doc as { title?: unknown; unit?: unknown };
  const title = typeof head?.title === 'string' ? `${head.title}${typeof head.unit === 'string' ? `（${head.unit}）` : ''}` : report.file;
  out.push(`方案：${title}`);
  if (!report.valid) {
    out.push(`方案无效，共 ${report.errors.length} 处问题：`);
    out.push(formatErrors(report.errors, '  ').trimEnd());
    out.push('结论：未通过（请先修正以上问题）');
    return out.join('\n') + '\n';
  }
  out.push('校验：通过');
  const findings = report.findings!;
  for (const severity of ['error', 'warning', 'info'] as const) {
    const group = findings.filter((f) => f.severity === severity);
    if (!group.length) continue;
    out.push('', `${SEVERITY_WORDS[severity]}（${group.length}）`);
    for (const f of group) out.push(`  ${f.path}${f.item ? ` [条款 ${f.item}]` : ''}  ${f.message}`);
  }
  const { stats, tests, counts } = report;
  out.push('');
  out.push(
    `汇总：条款 ${stats!.rows} 条，类目 ${stats!.classes} 个，不归档条目 ${stats!.exclusions} 条；` +
      `测试 ${stats!.tests} 条（通过 ${tests!.passed}，未通过 ${tests!.failed}）；` +
      `发现 错误 ${counts!.error}、警告 ${counts!.warning}、提示 ${counts!.info}`,
  );
  const why: string[] = [];
  if (tests!.failed) why.push(`${tests!.failed} 条测试未通过`);
  if (counts!.error) why.push(`${counts!.error} 个错误`);
  out.push(report.ok ? '结论：通过' : `结论：未通过（${why.join('，')}）`);
  return out.join('\n') + '\n';
}

// `sanheyi import <表格.xlsx|.csv>`: reads a 三合一 table into a new draft scheme (exit 0 / 1 errors / 2 usage / 3 needs mapping).
import { readFile, writeFile } from 'node:fs/promises';
import { type ImportIssue, type ImportOptions, type ImportPreview, importTable } from '../spreadsheet/import/index.js';
import { UsageError, integer, oneOf, parseOptions, positionals, runCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { ioReason } from './files.js';

const USAGE = `用法: sanheyi import <表格.xlsx|表格.csv> [选项]

把 Excel/CSV 格式的三合一表（分类方案 + 归档范围 + 保管期限）导入为新的草稿方案。
  --unit 名称            单位名称（缺省时从表格标题读取）
  --kind enterprise|organ 单位类型：企业（10号令）或机关（8号令），缺省为企业
  --fonds 全宗号          全宗号
  --title 标题            方案标题
  --sheet 工作表          要导入的工作表（缺省为第一个能识别表头的工作表）
  --header-row N         表头所在行（从 1 起；0 表示没有表头）
  --map 列=字段          指定列与字段的对应，可重复（--map C=归档范围 --map D=保管期限）或用逗号分隔
                         （--map C=归档范围,D=保管期限）；仍接受旧写法 --map C=归档范围 D=保管期限。
                         列可写字母（C）、序号（3）或表头文字；
                         字段：类目号 类目名称 一级类目 二级类目 三级类目 条款号 归档范围 分支 保管期限 依据 责任部门 备注 忽略
  --out 方案.json         写入文件（缺省输出到标准输出）
  --suggestions 文件.json 建议条件写入该文件（缺省为 <out>.suggestions.json）
  --json                 以 JSON 输出完整结果（含预览、警告、建议条件）

退出码: 0 导入成功；1 表格有错误（未导入任何内容）；2 用法错误或文件无法读取；3 无法识别表头，需要 --map 指定列。
`;

/** The import options the command line sets, and what the command does with the result. */
interface Args extends Pick<ImportOptions, 'unit' | 'kind' | 'fonds' | 'title' | 'sheet' | 'headerRow'> {
  file: string;
  mapping: Record<string, string>;
  out?: string;
  suggestions?: string;
  json: boolean;
}

function parseCommandLine(argv: string[]): Args {
  const {
    values,
    positionals: found,
    tokens,
  } = parseOptions(argv, {
    unit: { type: 'string' },
    kind: { type: 'string' },
    fonds: { type: 'string' },
    title: { type: 'string' },
    sheet: { type: 'string' },
    'header-row': { type: 'string' },
    map: { type: 'string', multiple: true },
    out: { type: 'string' },
    suggestions: { type: 'string' },
    json: { type: 'boolean' },
  });
  const { pairs, rest } = mappingPairs(tokens);
  const mapping: Record<string, string> = {};
  for (const pair of [...(values.map ?? []).flatMap((m) => m.split(/[,，]/)), ...pairs]) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError('--map 需要“列=字段”，如 --map C=归档范围 --map D=保管期限（或 --map C=归档范围,D=保管期限）', true);
    mapping[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  const [file] = positionals(
    found.filter((p) => !rest.has(p)),
    ['要导入的表格文件'],
  ) as [string];
  return {
    file,
    mapping,
    json: values.json ?? false,
    out: values.out,
    suggestions: values.suggestions,
    unit: values.unit,
    kind: oneOf(values.kind, ['enterprise', 'organ'] as const, '--kind'),
    fonds: values.fonds,
    title: values.title,
    sheet: values.sheet,
    headerRow: integer(values['header-row'], '--header-row', 0),
  };
}

/**
 * The older form `--map C=归档范围 D=保管期限`: pairs written as separate words after one --map are mapping pairs,
 * not positionals (still accepted; the documented forms are a repeated --map or a comma list).
 */
function mappingPairs(tokens: ReturnType<typeof parseOptions>['tokens']): { pairs: string[]; rest: Set<string> } {
  const pairs: string[] = [];
  let afterMap = false;
  for (const t of tokens) {
    if (t.kind === 'option') afterMap = t.name === 'map';
    else if (t.kind === 'positional' && afterMap && t.value.includes('=')) pairs.push(t.value);
    else afterMap = false;
  }
  return { pairs, rest: new Set(pairs) };
}

function where(e: ImportIssue): string {
  return e.sheet ? `[${e.sheet}] ${e.message}` : e.message;
}

export function formatPreview(p: ImportPreview): string {
  const lines = [`工作表“${p.sheet}”${p.sheets.length > 1 ? `（共有：${p.sheets.join('、')}）` : ''}；表头行：${p.headerRow ?? '未找到'}`];
  lines.push('列：');
  for (const c of p.columns) lines.push(`  ${c.letter.padEnd(3)} ${(c.header || '（无表头）').padEnd(12)} → ${c.label ?? '（未识别）'}`);
  if (p.rows.length) {
    lines.push('前几行：');
    for (const r of p.rows) lines.push(`  第 ${r.row} 行：${r.cells.map((t) => (t.length > 16 ? t.slice(0, 15) + '…' : t)).join(' | ')}`);
  }
  return lines.join('\n');
}

export function run(argv: string[]): Promise<number> {
  return runCommand(USAGE, () => importFile(parseCommandLine(argv)));
}

async function importFile(args: Args): Promise<number> {
  let buffer: Buffer;
  try {
    buffer = await readFile(args.file);
  } catch (e) {
    throw new UsageError(`无法读取文件“${args.file}”：${ioReason(e)}`);
  }
  const result = await importTable(buffer, {
    filename: args.file,
    unit: args.unit,
    kind: args.kind,
    fonds: args.fonds,
    title: args.title,
    sheet: args.sheet,
    headerRow: args.headerRow,
    mapping: Object.keys(args.mapping).length ? args.mapping : undefined,
  });
  if (args.json) {
    const text = JSON.stringify(result, null, 2) + '\n';
    if (args.out && result.ok) await writeFile(args.out, text);
    else process.stdout.write(text);
    return result.ok ? EXIT.ok : result.needsMapping ? EXIT.needsMapping : EXIT.failed;
  }
  for (const w of result.warnings) process.stderr.write(`警告：${where(w)}\n`);
  if (!result.ok) {
    for (const e of result.errors) process.stderr.write(`错误：${where(e)}\n`);
    if (result.needsMapping && result.preview) {
      process.stderr.write(
        `\n${formatPreview(result.preview)}\n\n请用 --map 指定列，例如：sanheyi import ${args.file} --map C=归档范围 --map D=保管期限\n`,
      );
      return EXIT.needsMapping;
    }
    process.stderr.write(`未导入：共 ${result.errors.length} 处错误，请修改表格后重新导入。\n`);
    return EXIT.failed;
  }
  const text = JSON.stringify(result.document, null, 2) + '\n';
  const suggestionCount = Object.keys(result.suggestions).length;
  const suggestionsPath = args.suggestions ?? (args.out ? args.out.replace(/\.json$/i, '') + '.suggestions.json' : undefined);
  if (args.out) await writeFile(args.out, text);
  else process.stdout.write(text);
  if (suggestionsPath && suggestionCount) await writeFile(suggestionsPath, JSON.stringify(result.suggestions, null, 2) + '\n');
  const s = result.stats;
  process.stderr.write(
    `已导入 ${s.items} 个条款（标题行 ${s.headings} 个，重要/一般分支 ${s.branchItems} 个），类目 ${s.classes} 个；` +
      `旧制期限换算 ${s.legacyRetention} 处，生成条款号 ${s.generatedIds} 个；警告 ${result.warnings.length} 条。\n` +
      `所有条款都标记为“待补充条件”（needsCondition）；建议条件 ${suggestionCount} 条${suggestionsPath && suggestionCount ? `已写入 ${suggestionsPath}` : ''}，未应用，请在构建器中确认。\n`,
  );
  return EXIT.ok;
}

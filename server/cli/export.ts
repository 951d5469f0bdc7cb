// `sanheyi export <方案.json> --format xlsx|csv|html|pdf --out 文件`: the 三合一 table or the printable submission view.
import { writeFile } from 'node:fs/promises';
import { validateScheme } from '../engine/validate.js';
import { EXPORT_FORMATS, formatOfFileName, renderExport } from '../print/render-export.js';
import type { ExportMeta } from '../spreadsheet/export.js';
import { UsageError, integer, oneOf, parseOptions, positionals, runCommand } from './args.js';
import { EXIT } from './exit-codes.js';
import { readJsonFile } from './files.js';

const USAGE = `用法: sanheyi export <方案.json> --out <文件> [--format xlsx|csv|html|pdf] [选项]

把方案导出为 Excel 三合一表、CSV、打印视图（HTML）或 PDF（送审用）。
方案文件可以是方案本身，也可以是服务返回的版本（{ number, state, approvalNumber, …, document }）。
  --format xlsx|csv|html|pdf  缺省按 --out 的扩展名
  --version N                  版本号
  --state draft|submitted|approved|rejected|superseded
  --approval-number 文号        批复文号
  --decided-on 日期             批复日期（YYYY-MM-DD）
  --reviewer 姓名               审核人
  --effective-from 日期         生效日期

退出码: 0 成功；1 无法生成 PDF；2 用法错误、文件无法读取或方案无效。
`;

export function run(argv: string[]): Promise<number> {
  return runCommand(USAGE, () => exportFile(argv));
}

async function exportFile(argv: string[]): Promise<number> {
  const { values, positionals: found } = parseOptions(argv, {
    out: { type: 'string' },
    format: { type: 'string' },
    version: { type: 'string' },
    state: { type: 'string' },
    'approval-number': { type: 'string' },
    'decided-on': { type: 'string' },
    reviewer: { type: 'string' },
    'effective-from': { type: 'string' },
  });
  const [file] = positionals(found, ['方案文件']) as [string];
  const out = values.out;
  if (!out) throw new UsageError('缺少 --out 输出文件', true);
  let format = values.format === undefined ? undefined : oneOf(values.format, EXPORT_FORMATS, '--format');
  const meta: ExportMeta = {
    version: integer(values.version, '--version', 1),
    state: values.state,
    approvalNumber: values['approval-number'],
    decidedOn: values['decided-on'],
    reviewer: values.reviewer,
    effectiveFrom: values['effective-from'],
  };
  format ??= formatOfFileName(out);
  if (!format) throw new UsageError('无法从输出文件名判断格式，请用 --format 指定', true);

  const json = await readJsonFile(file);
  // A version as the service returns it: the document plus its metadata.
  const wrapper = json as Record<string, unknown>;
  let doc: unknown = json;
  if (wrapper && typeof wrapper === 'object' && wrapper.document && typeof wrapper.document === 'object') {
    doc = wrapper.document;
    const str = (k: string) => (typeof wrapper[k] === 'string' ? (wrapper[k] as string) : undefined);
    if (typeof wrapper.number === 'number') meta.version ??= wrapper.number;
    meta.state ??= str('state');
    meta.approvalNumber ??= str('approvalNumber');
    meta.decidedOn ??= str('decidedOn') ?? str('decidedAt')?.slice(0, 10);
    meta.reviewer ??= str('reviewer') ?? str('decidedBy');
    meta.effectiveFrom ??= str('effectiveFrom');
  }
  const checked = validateScheme(doc);
  if (!checked.ok) {
    for (const e of checked.errors.slice(0, 50)) process.stderr.write(`错误：${e.path} ${e.message}\n`);
    process.stderr.write(`方案无效（${checked.errors.length} 处错误），未导出。\n`);
    return EXIT.usage;
  }
  const scheme = checked.scheme;
  let data: string | Uint8Array;
  try {
    data = (await renderExport(format, scheme, meta, async (html) => (await import('../print/pdf.js')).renderPdf(html))).body;
  } catch (e) {
    if (format !== 'pdf') throw e;
    process.stderr.write(
      `错误：无法生成 PDF（需要 Chromium：/usr/bin/chromium，或设置 SANHEYI_CHROMIUM）：${(e as Error).message.split('\n')[0]}\n`,
    );
    return EXIT.failed;
  }
  await writeFile(out, data);
  process.stderr.write(`已导出 ${format.toUpperCase()}：${out}\n`);
  return EXIT.ok;
}

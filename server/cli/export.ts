// `sanheyi export <方案.json> --format xlsx|csv|html|pdf --out 文件`: the 三合一 table or the printable submission view.
import { readFile, writeFile } from 'node:fs/promises';
import { validateScheme } from '../engine/validate.js';
import { EXPORT_FORMATS, type ExportFormat, formatOfFileName, isExportFormat, renderExport } from '../print/render-export.js';
import type { ExportMeta } from '../spreadsheet/export.js';
import { UsageError, flagValue, positional, usageExit } from './args.js';

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

退出码: 0 成功；1 方案无效；2 用法错误或文件无法读取。
`;

export async function run(argv: string[]): Promise<number> {
  let file: string | undefined;
  let out: string | undefined;
  let format: ExportFormat | undefined;
  const meta: ExportMeta = {};
  try {
    const value = (i: number, name: string) => flagValue(argv, i, name);
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      switch (a) {
        case '--out': out = value(i++, a); break;
        case '--format': {
          const f = value(i++, a);
          if (!isExportFormat(f)) throw new UsageError(`--format 只能是 ${EXPORT_FORMATS.join('、')}`);
          format = f;
          break;
        }
        case '--version': {
          const n = Number(value(i++, a));
          if (!Number.isInteger(n) || n < 1) throw new UsageError('--version 必须是正整数');
          meta.version = n;
          break;
        }
        case '--state': meta.state = value(i++, a); break;
        case '--approval-number': meta.approvalNumber = value(i++, a); break;
        case '--decided-on': meta.decidedOn = value(i++, a); break;
        case '--reviewer': meta.reviewer = value(i++, a); break;
        case '--effective-from': meta.effectiveFrom = value(i++, a); break;
        default:
          file = positional(a, file);
      }
    }
    if (!file) throw new UsageError('缺少方案文件');
    if (!out) throw new UsageError('缺少 --out 输出文件');
    format ??= formatOfFileName(out);
    if (!format) throw new UsageError('无法从输出文件名判断格式，请用 --format 指定');
  } catch (e) {
    return usageExit(e, USAGE);
  }

  let json: unknown;
  try {
    let text = await readFile(file, 'utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    json = JSON.parse(text);
  } catch (e) {
    process.stderr.write(`错误：无法读取方案文件“${file}”：${(e as Error).message}\n`);
    return 2;
  }
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
    return 1;
  }
  const scheme = checked.scheme;
  let data: string | Uint8Array;
  try {
    data = (await renderExport(format, scheme, meta, async (html) => (await import('../print/pdf.js')).renderPdf(html))).body;
  } catch (e) {
    if (format !== 'pdf') throw e;
    process.stderr.write(`错误：无法生成 PDF（需要 Chromium：/usr/bin/chromium，或设置 SANHEYI_CHROMIUM）：${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  await writeFile(out, data);
  process.stderr.write(`已导出 ${format.toUpperCase()}：${out}\n`);
  return 0;
}

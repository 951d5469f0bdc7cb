// Checks an .xlsx (a zip) before any workbook parser sees it: entries, the real inflated size, rows, cells and merges.
import { inflateRawSync } from 'node:zlib';

export interface XlsxLimits {
  /** All parts together, inflated (what the declared sizes say is not trusted: each part is inflated with a cap). */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Per worksheet. */
  maxRows: number;
  /** All worksheets together (`<c>` elements). */
  maxCells: number;
  /** All merged ranges together, by area (a parser creates every cell of a merged range). */
  maxMergedCells: number;
}

/** A limit the workbook passes: `what` says which, in Chinese, for the message. */
export class XlsxLimitError extends Error {}

/** Not a zip the reader understands (truncated, zip64, encrypted): left to the workbook parser to word. */
class NotReadable extends Error {}

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

const MB = 1024 * 1024;

/** Throws XlsxLimitError when the workbook is over a limit; returns quietly otherwise (or when it is no readable zip). */
export function checkXlsxLimits(buffer: Uint8Array, limits: XlsxLimits): void {
  const buf = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let entries: Entry[];
  try {
    entries = centralDirectory(buf, limits.maxEntries);
  } catch (e) {
    if (e instanceof NotReadable) return;
    throw e;
  }
  let budget = limits.maxUncompressedBytes;
  let cells = 0;
  let merged = 0;
  for (const entry of entries) {
    const data = inflate(buf, entry, budget, limits.maxUncompressedBytes);
    if (!data) continue;
    budget -= data.length;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) continue;
    const rows = countTags(data, '<row');
    if (rows > limits.maxRows) throw new XlsxLimitError(`工作表行数过多（超过 ${limits.maxRows} 行）`);
    cells += countTags(data, '<c');
    if (cells > limits.maxCells) throw new XlsxLimitError(`工作簿单元格过多（超过 ${limits.maxCells} 个）`);
    merged += mergedArea(data);
    if (merged > limits.maxMergedCells) throw new XlsxLimitError(`合并单元格范围过大（合计超过 ${limits.maxMergedCells} 个单元格）`);
  }
}

function centralDirectory(buf: Buffer, maxEntries: number): Entry[] {
  // End of central directory: the last signature within the final 64 KiB (+ its 22 bytes).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new NotReadable();
  const count = buf.readUInt16LE(eocd + 10);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new XlsxLimitError('不支持 ZIP64 格式的工作簿');
  if (count > maxEntries) throw new XlsxLimitError(`工作簿内部文件过多（${count} 个，上限 ${maxEntries}）`);
  const out: Entry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new NotReadable();
    const nameLength = buf.readUInt16LE(p + 28);
    out.push({
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    });
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** The part's bytes, inflated with at most `budget` bytes of output; null for a part the parser will refuse anyway. */
function inflate(buf: Buffer, e: Entry, budget: number, total: number): Buffer | null {
  const local = e.localOffset;
  if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) return null;
  const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
  const data = buf.subarray(start, Math.min(buf.length, start + e.compressedSize));
  const tooBig = () => new XlsxLimitError(`工作簿解压后超过 ${Math.round(total / MB)} MB 上限`);
  if (e.method === 0) {
    if (data.length > budget) throw tooBig();
    return data;
  }
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw tooBig();
    return null; // corrupt: the workbook parser says so
  }
}

/** Elements `<tag …>` / `<tag>` / `<tag/>` (not `<tagOther`): one scan with indexOf. */
function countTags(data: Buffer, open: string): number {
  let n = 0;
  for (let i = data.indexOf(open); i >= 0; i = data.indexOf(open, i + open.length)) {
    const next = data[i + open.length];
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n++;
  }
  return n;
}

/** The total area of `<mergeCell ref="A1:C3"/>` ranges. */
function mergedArea(data: Buffer): number {
  if (data.indexOf('<mergeCell') < 0) return 0;
  let area = 0;
  const text = data.toString('latin1');
  for (const m of text.matchAll(/<mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g)) {
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
    const cols = Math.abs(columnNumber(m[3]!) - columnNumber(m[1]!)) + 1;
    area += rows * cols;
  }
  return area;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

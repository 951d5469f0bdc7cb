// Small files that used to freeze the importer, generated in the tests (nothing large is committed).
import { crc32, deflateRawSync } from 'node:zlib';

/** 1 MB of blank lines under a header: 262,144 rows (147 s before, all spent parsing). */
export const blankLinesCsv = (): Buffer => Buffer.from(`条款号,归档范围,保管期限\n${'\n'.repeat(262_144)}`, 'utf8');

/** A zip of the given parts, each deflated (what an .xlsx is). */
export function zip(parts: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const data = deflateRawSync(raw, { level: 9 });
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(raw.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dirBytes, end]);
}

/** An .xlsx with one worksheet whose XML is `sheetData` (plus what follows it, e.g. merges). */
export function xlsx(sheetData: string, after = ''): Buffer {
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData>${after}</worksheet>`,
  });
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A real table of `n` clauses (条款号, 归档范围, 保管期限). */
export function tableXlsx(n: number): Buffer {
  const rows = [`<row r="1">${inline('A1', '条款号')}${inline('B1', '归档范围')}${inline('C1', '保管期限')}</row>`];
  for (let i = 1; i <= n; i++) {
    const r = i + 1;
    rows.push(`<row r="${r}">${inline(`A${r}`, String(i))}${inline(`B${r}`, `第${i}项会议纪要`)}${inline(`C${r}`, '永久')}</row>`);
  }
  return xlsx(rows.join(''));
}

/** A few KB: a header and a million rows of one empty styled cell each (exceljs: minutes and gigabytes). */
export function rowBombXlsx(rows = 1_000_000): Buffer {
  const header = `<row r="1">${inline('A1', '条款号')}${inline('B1', '归档范围')}${inline('C1', '保管期限')}</row>`;
  return xlsx(header + '<row><c s="0"/></row>'.repeat(rows));
}

/** One part that inflates to `mb` MB of spaces (a few hundred KB on the wire). */
export const inflateBombXlsx = (mb: number): Buffer => xlsx(`<row r="1">${inline('A1', '条款号')}</row>${' '.repeat(mb * 1024 * 1024)}`);

/** A tiny sheet with one merged range over the whole grid (a parser would create 17 billion cells). */
export const mergeBombXlsx = (): Buffer =>
  xlsx(`<row r="1">${inline('A1', '条款号')}</row>`, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>');

/** A legitimate-looking CSV of `n` clauses with two-value periods (19,000: 2 MB, about 2 s of synchronous import). */
export function tableCsv(n: number): Buffer {
  const rows = ['条款号,归档范围,保管期限'];
  for (let i = 1; i <= n; i++) rows.push(`${i},第${i}项董事会会议纪要、决议和有关文件材料（重要的、一般的）,永久/10年`);
  return Buffer.from(rows.join('\n'), 'utf8');
}

// Whether a free text a reviewer must give (批复文号, a justification, why an approval takes effect before its
// decision) says something: at least MIN_MEANINGFUL characters that are not punctuation, symbols or spaces, not one
// character or one short piece repeated ("xxxx", "1111", "测试测试"), and not a stock placeholder ("test", "待定").
// Browser-safe: the service checks approvals with it and the approve form shows the same rule beside the field.

export const MIN_MEANINGFUL = 4;

/** The rule in words, for the form's hint. */
export const MEANINGFUL_HINT = `至少 ${MIN_MEANINGFUL} 个有意义的字符（不计标点、符号和空格），不能是占位内容（如“无”“待定”“xxxx”“test”）`;

/** Stock placeholders, compared after removing punctuation and spaces and lower-casing. */
const PLACEHOLDERS = new Set([
  'test',
  'testing',
  'todo',
  'tbd',
  'none',
  'null',
  'undefined',
  'asdf',
  'qwer',
  'abcd',
  '1234',
  '12345',
  '123456',
  'test123',
  '测试',
  '测试一下',
  '测试数据',
  '测试文号',
  '待定',
  '暂无',
  '待补充',
  '待填写',
  '待补',
  '未定',
  '同上',
  '见附件',
  '无意见',
  '没有',
]);

/** The characters that count: letters, digits and ideographs (punctuation, symbols, spaces and controls removed). */
function meaningfulChars(text: string): string[] {
  return Array.from(text.normalize('NFKC').toLowerCase()).filter((c) => !/[\p{P}\p{S}\p{Z}\p{C}\s]/u.test(c));
}

/** Whether `chars` is one shorter piece written over and over ("xxxx", "abab", "测试测试"). */
function repeated(chars: string[]): boolean {
  const n = chars.length;
  for (let size = 1; size <= n / 2; size++) {
    if (n % size !== 0) continue;
    let same = true;
    for (let i = size; i < n && same; i++) same = chars[i] === chars[i - size];
    if (same) return true;
  }
  return false;
}

/** Why `text` is a placeholder rather than content, or null when it says something. */
export function placeholderProblem(text: string): string | null {
  const chars = meaningfulChars(text);
  if (chars.length < MIN_MEANINGFUL) return `至少需要 ${MIN_MEANINGFUL} 个有意义的字符（不计标点、符号和空格）`;
  if (repeated(chars)) return '不能是同一内容的重复（如“xxxx”“1111”）';
  if (PLACEHOLDERS.has(chars.join(''))) return '不能是占位内容（如“待定”“test”）';
  return null;
}

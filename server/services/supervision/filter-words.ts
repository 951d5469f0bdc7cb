// The filters of a supervision request in words, for the export's title line (pure).
import { FINDINGS_LABELS, REVISION_LABELS, TABLE_STATE_LABELS } from '../../schemas/supervision-words.js';
import type { RowFilter } from './rows.js';

export function filterWords(f: RowFilter): string {
  const parts: string[] = [];
  if (f.state) parts.push(f.state === 'unapproved' ? '尚无施行中的表' : TABLE_STATE_LABELS[f.state]);
  if (f.revision) parts.push(REVISION_LABELS[f.revision]);
  if (f.findings) parts.push(FINDINGS_LABELS[f.findings]);
  if (f.q) parts.push(`“${f.q}”`);
  return parts.join('、');
}

// How the admin page names organisations and accounts.
import type { Org, User } from './api.js';

export function orgTypeLabel(o: Org): string {
  if (o.type === 'bureau') return '档案局';
  return o.kind === 'organ' ? '单位（机关）' : '单位（企业）';
}

/** Who may be a unit's 档案主管部门/上级单位: a bureau, or an enterprise unit (10号令 Art. 15). */
export function canSuperviseUnits(o: Org): boolean {
  return o.type === 'bureau' || o.kind === 'enterprise';
}

/** The display name, with the sign-in name only when two accounts share the display name. */
export function personName(u: User, all: readonly User[]): string {
  return all.some((o) => o.id !== u.id && o.displayName === u.displayName) ? `${u.displayName}（${u.username}）` : u.displayName;
}

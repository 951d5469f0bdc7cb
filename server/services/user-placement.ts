// Where an account may belong, by its role: the one rule for creating and for editing users.
import type { OrgStore } from '../store/orgs-store.js';
import type { Role } from '../store/users-store.js';
import { AppError } from './errors.js';

const bad = (message: string, field: string) => new AppError('invalid_request', message, [{ path: '/orgId', message: field }]);

/**
 * Admins may belong anywhere or nowhere; everyone else needs an organisation. Archivists belong to a unit (单位);
 * reviewers to a bureau (档案局) or to a parent enterprise that has subsidiaries (10号令 Art. 15).
 */
export function checkPlacement(orgs: OrgStore, role: Role, orgId: number | null): void {
  if (orgId === null) {
    if (role !== 'admin') throw bad('档案员和审核员必须属于某个组织', '必须指定所属组织');
    return;
  }
  const org = orgs.get(orgId);
  if (!org) throw bad(`组织 ${orgId} 不存在`, '组织不存在');
  if (role === 'archivist' && org.type !== 'unit') throw bad('档案员必须属于某个单位', '档案员只能属于单位');
  if (role === 'reviewer' && org.type === 'unit' && orgs.supervisedBy(org.id).length === 0)
    // A unit's reviewer only makes sense for a parent enterprise that is the 上级单位 of subsidiaries.
    throw bad('审核员必须属于档案局，或属于有下属单位的上级企业', '该单位没有下属单位');
}

/** The unit an account's audit entries are filed under (its own org when that is a unit). */
export function unitIdOf(orgs: OrgStore, orgId: number | null): number | null {
  return orgId !== null && orgs.get(orgId)?.type === 'unit' ? orgId : null;
}

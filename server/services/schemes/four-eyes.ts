// Four eyes on a decision (issue #17 item 6): whoever submitted a version, whoever last wrote its content (created
// it or last edited the draft), and any account created after its submission may not approve or reject it — admins
// included, so that an admin can neither rewrite a draft and then approve it nor make a second account to do so.
import type { Stores } from '../../store/index.js';
import type { VersionMeta } from '../../store/schemes-store.js';
import { forbidden } from '../errors.js';
import type { SchemeTarget } from './scheme-access.js';

export function fourEyes(stores: Stores, t: SchemeTarget, v: Pick<VersionMeta, 'id' | 'submittedAt'>, verb: '批准' | '退回'): void {
  const { submittedBy, editedBy } = stores.schemes.authorsOf(v.id);
  if (submittedBy === t.user.id) throw forbidden(`不能${verb}自己提交的版本（双人审核）`);
  if (editedBy === t.user.id) throw forbidden(`不能${verb}自己最后修改过内容的版本（双人审核）`);
  if (v.submittedAt && t.user.createdAt > v.submittedAt) {
    throw forbidden(`您的账号创建于该版本提交之后，不能${verb}该版本（双人审核）`);
  }
}

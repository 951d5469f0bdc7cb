// Four eyes on a decision (issue #17 item 6): whoever submitted a version, whoever wrote any of its content (created
// it or edited the draft, the last author first), and any account created after its submission may not approve or
// reject it — admins
// included, so that an admin can neither rewrite a draft and then approve it nor make a second account to do so.
// Nor may the authors and the decider control one another's account: an admin who created an account with a password
// of its choosing, reset its password or confirmed it with a new one holds that account (the review of 2026-12-02:
// a reset reviewer, a confirmed admin or a made-up archivist would otherwise be a second pair of eyes).
import type { Stores } from '../../store/index.js';
import type { VersionMeta } from '../../store/schemes-store.js';
import { forbidden } from '../errors.js';
import type { SchemeTarget } from './scheme-access.js';

export function fourEyes(stores: Stores, t: SchemeTarget, v: Pick<VersionMeta, 'id' | 'submittedAt'>, verb: '批准' | '退回'): void {
  const { submittedBy, editedBy, wroteIt } = stores.schemes.authorsOf(v.id);
  if (submittedBy === t.user.id) throw forbidden(`不能${verb}自己提交的版本（双人审核）`);
  if (editedBy === t.user.id) throw forbidden(`不能${verb}自己最后修改过内容的版本（双人审核）`);
  if (wroteIt.includes(t.user.id)) throw forbidden(`不能${verb}自己参与编写或修改过内容的版本（双人审核）`);
  if (v.submittedAt && t.user.createdAt > v.submittedAt) {
    throw forbidden(`您的账号创建于该版本提交之后，不能${verb}该版本（双人审核）`);
  }
  const authors = [...new Set([submittedBy, ...wroteIt].filter((id): id is number => id !== null))];
  const mine = stores.users.authors(t.user.id);
  if (authors.some((a) => a === mine.createdBy || a === mine.credentialsBy)) {
    throw forbidden(`您的账号（或其密码）由该版本的提交人或最后修改人设置，不能${verb}该版本（双人审核）`);
  }
  for (const a of authors) {
    const theirs = stores.users.authors(a);
    if (theirs.createdBy === t.user.id || theirs.credentialsBy === t.user.id) {
      throw forbidden(`该版本的提交人或最后修改人的账号（或其密码）由您设置，您不能${verb}该版本（双人审核）`);
    }
  }
}

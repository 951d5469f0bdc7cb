// Entity tags at the edge: a version's ETag, If-Match / If-None-Match lists, and the 428/412 answers.
import { AppError } from '../services/errors.js';

/** The ETag of a version: its number and edit revision. */
export function etagOf(v: { number: number; rev: number }): string {
  return `"v${v.number}.r${v.rev}"`;
}

/** Whether a comma-separated If-Match / If-None-Match list names `etag` (or `*`); a weak `W/` tag counts too. */
export function listMatches(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t === etag || t === `W/${etag}`);
}

/** If-None-Match: true when the client already holds `etag` (answer 304). */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  return header ? listMatches(header, etag) : false;
}

/** A check the service runs against the current version, inside its own reads; throws 412 when it fails. */
export type Precondition = (current: { number: number; rev: number }) => void;

/**
 * If-Match for a draft edit. The service runs the check after it has found the draft (so 404 and 409 still come
 * first): 428 when the header is missing or is `*` or a weak tag, 412 unless it names the version's current ETag.
 */
export function ifMatch(header: string | undefined): Precondition {
  return (current) => {
    if (header === undefined) {
      throw new AppError('precondition_required', '修改草稿需要 If-Match 请求头（取自读取版本时的 ETag）', [
        { path: '/header/If-Match', message: '缺少 If-Match' },
      ]);
    }
    const tags = header.split(',').map((t) => t.trim());
    // `*` matches whatever is there now and a weak tag any look-alike: neither proves the client saw this revision.
    if (tags.some((t) => t === '*' || t.startsWith('W/'))) {
      throw new AppError('precondition_required', '修改草稿的 If-Match 须是读取版本时得到的 ETag，不接受 * 或弱标记 W/', [
        { path: '/header/If-Match', message: '须为强 ETag，如 "v1.r3"' },
      ]);
    }
    const etag = etagOf(current);
    if (!tags.includes(etag)) {
      throw new AppError('precondition_failed', '草稿已被他人修改，请重新加载后再保存', [
        { path: '/header/If-Match', message: `当前版本标记为 ${etag}` },
      ]);
    }
  };
}

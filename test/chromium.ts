// One Chromium policy for every test that needs a browser: SANHEYI_CHROMIUM (or Debian's), required under CI,
// skipped with a printed reason elsewhere.
import { existsSync } from 'node:fs';
import { chromiumPath } from '../server/config.js';

export const CHROMIUM = chromiumPath();

/**
 * True when the tests of `what` must be skipped because there is no Chromium. Under CI a missing Chromium is a
 * failure, not a skip: the run throws while collecting the tests.
 */
export function withoutChromium(what: string): boolean {
  if (existsSync(CHROMIUM)) return false;
  const reason = `${what}: no Chromium at ${CHROMIUM} (install chromium or set SANHEYI_CHROMIUM)`;
  if (process.env.CI) throw new Error(`${reason}; CI must run these tests`);
  process.stderr.write(`skipped ${reason}\n`);
  return true;
}

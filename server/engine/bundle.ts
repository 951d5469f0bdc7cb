// loadBundle: verifies a signed bundle with the service's public keys and classifies in-process with it, picking the
// version in force for each record's date exactly as `POST /units/{unit}/classify` does.
import type { FieldError } from '../schemas/ajv.js';
import { checkRecord } from '../schemas/record-check.js';
import { type Bundle, type BundleVersion, type VerifyKey, bundleErrors, parseSigned } from './bundle-format.js';
import { type ClassifyResult, type CompiledScheme, compile } from './compile.js';
import { chinaDate, datePart } from './dates.js';
import { noVersionInForce, versionInForce } from './in-force.js';
import { classifyRecord } from './prepare-record.js';
import type { ClassifyOptions } from './result.js';
import { recordErrors } from './validate.js';

export type { Bundle, BundleVersion, VerifyKey } from './bundle-format.js';

/** The bundle does not verify: `errors` name each problem (which version, which digest, the signature). */
export class BundleInvalidError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(`签名包未通过校验：${errors.map((e) => `${e.path} ${e.message}`).join('；')}`);
    this.name = 'BundleInvalidError';
  }
}

/**
 * A record the service would refuse, with the problem code and errors of the service's answer: `invalid-record`
 * (422) or `no-version-in-force` (409).
 */
export class ClassifyRefusedError extends Error {
  constructor(
    readonly code: 'invalid-record' | 'no-version-in-force',
    readonly detail: string,
    readonly errors: FieldError[],
  ) {
    super(detail);
    this.name = 'ClassifyRefusedError';
  }
}

export interface BundleClassifyOptions extends ClassifyOptions {
  /** Classify with this version whatever the record's date (the service's `?version=`). */
  version?: number;
}

export interface BundleClassifier {
  unit: Bundle['unit'];
  scheme: Bundle['scheme'];
  versions: readonly Omit<BundleVersion, 'document'>[];
  /** Classifies as the service does; throws ClassifyRefusedError where the service answers 409 or 422. */
  classify(record: unknown, options?: BundleClassifyOptions): ClassifyResult;
}

export interface LoadBundleOptions {
  /** The clock for records without a date (classified as of today in China, as the service does). */
  now?: () => Date;
}

/**
 * Verifies `bundle` (its JSON text or the parsed object) against `publicKeys` (`GET /api/v1/keys`'s `keys`) — the
 * signature and every version's hash and SHA-256/SM3 digests — and returns a classifier. Throws BundleInvalidError
 * naming every problem. Versions are compiled on first use.
 */
export function loadBundle(bundle: unknown, publicKeys: readonly VerifyKey[], options: LoadBundleOptions = {}): BundleClassifier {
  const parsed = parseSigned(bundle);
  const errors = parsed.errors.length ? parsed.errors : bundleErrors(parsed.value, publicKeys);
  if (errors.length) throw new BundleInvalidError(errors);
  const b = parsed.value as Bundle;
  const versions = b.versions;
  for (let i = 1; i < versions.length; i++) {
    const [p, v] = [versions[i - 1], versions[i]];
    if (p.effectiveFrom > v.effectiveFrom || (p.effectiveFrom === v.effectiveFrom && p.number >= v.number)) {
      throw new BundleInvalidError([{ path: `/versions/${i}`, message: '版本未按生效日期与版本号排序' }]);
    }
  }
  const now = options.now ?? (() => new Date());
  const compiled = new Map<number, { scheme: CompiledScheme; fields: ReadonlySet<string> }>();
  const compiledOf = (v: BundleVersion) => {
    let c = compiled.get(v.number);
    if (!c) {
      const scheme = compile(v.document, { version: v.number });
      c = { scheme, fields: new Set(scheme.fields.keys()) };
      compiled.set(v.number, c);
    }
    return c;
  };
  return {
    unit: b.unit,
    scheme: b.scheme,
    versions: versions.map(({ document: _d, ...meta }) => meta),
    classify(record, opts = {}) {
      const { version, ...classifyOptions } = opts;
      const shape = checkRecord(record, '');
      if (!shape.ok) throw new ClassifyRefusedError('invalid-record', '待分类记录不符合格式', shape.errors);
      let v: BundleVersion | undefined;
      if (version !== undefined) {
        v = versions.find((x) => x.number === version);
        if (!v) {
          throw new ClassifyRefusedError('no-version-in-force', `版本 ${version} 未经批准，不能用于分类`, [
            { path: '/query/version', message: '只能指定已批准或已被替代的版本' },
          ]);
        }
      } else {
        const date = datePart(shape.value.date) ?? chinaDate(now());
        v = versionInForce(versions, date);
        if (!v) {
          const why = noVersionInForce(versions[0], date, '');
          throw new ClassifyRefusedError('no-version-in-force', why.detail, why.errors);
        }
      }
      const c = compiledOf(v);
      const invalid = recordErrors(shape.value, c.fields, '', 'ignore');
      if (invalid.length) throw new ClassifyRefusedError('invalid-record', '待分类记录含无效日期', invalid);
      return classifyRecord(c.scheme, shape.value, c.fields, classifyOptions);
    },
  };
}

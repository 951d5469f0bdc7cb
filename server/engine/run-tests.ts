// Runs a scheme's own sample records (its `tests`) and says, per case, what differed from the expectation.
import type { SchemeTest } from '../schemas/scheme.js';
import type { ClassifyResult, CompiledScheme } from './compile.js';
import { prepareRecord } from './prepare-record.js';

export interface TestOutcome {
  index: number;
  name: string;
  passed: boolean;
  /** Sentences naming each expectation that failed. */
  failures: string[];
  result: ClassifyResult;
}

export interface TestRun {
  passed: number;
  failed: number;
  outcomes: TestOutcome[];
}

const OUTCOME_WORDS = { file: '归档', exclude: '不归档', review: '人工判断' } as const;

export function checkExpectation(test: SchemeTest, result: ClassifyResult): string[] {
  const e = test.expect;
  const failures: string[] = [];
  if (result.outcome !== e.outcome) failures.push(`结果应为“${OUTCOME_WORDS[e.outcome]}”，实际为“${OUTCOME_WORDS[result.outcome]}”`);
  if (e.item !== undefined && result.item?.id !== e.item) failures.push(`条款应为 ${e.item}，实际为 ${result.item?.id ?? '无'}`);
  if (e.exclusion !== undefined && result.exclusion?.id !== e.exclusion)
    failures.push(`不归档条目应为 ${e.exclusion}，实际为 ${result.exclusion?.id ?? '无'}`);
  if (e.retention !== undefined && result.retention?.code !== e.retention)
    failures.push(`保管期限应为 ${e.retention}，实际为 ${result.retention?.code ?? '无'}`);
  if (e.classCode !== undefined && result.classCode !== e.classCode)
    failures.push(`类目应为 ${e.classCode}，实际为 ${result.classCode ?? '无'}`);
  if (e.needs !== undefined) {
    const got = [...(result.needs ?? [])].sort();
    const want = [...e.needs].sort();
    if (got.join() !== want.join()) failures.push(`待判断字段应为 ${want.join('、') || '无'}，实际为 ${got.join('、') || '无'}`);
  }
  return failures;
}

export function runTests(compiled: CompiledScheme): TestRun {
  const fields = new Set(compiled.fields.keys());
  const outcomes = (compiled.scheme.tests ?? []).map((test, index) => {
    // As the service classifies: the 文号 parts filled in from docNumber.
    const result = compiled.classify(prepareRecord(test.record as Record<string, unknown>, fields).record);
    const failures = checkExpectation(test, result);
    return { index, name: test.name ?? test.record.title, passed: failures.length === 0, failures, result };
  });
  const passed = outcomes.filter((o) => o.passed).length;
  return { passed, failed: outcomes.length - passed, outcomes };
}

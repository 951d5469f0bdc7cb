// What a decision must say before it is recorded (issue #17 item 12): real calendar dates, a decision date between
// the submission and today (China time), an effective date not before the decision unless the reviewer says why,
// and a 批复文号 and justification that are content, not placeholders. One 422 naming every field at fault.
import { datePart } from '../../engine/dates.js';
import type { ApproveBody, RejectBody } from '../../schemas/api/index.js';
import { placeholderProblem } from '../../schemas/meaningful-text.js';
import { chinaDate } from '../clock.js';
import { AppError } from '../errors.js';

interface FieldError {
  path: string;
  message: string;
}

/** Dates a decision records: the schema's pattern admits 2026-02-30; the calendar does not (422 naming the field). */
export function realDates<K extends string>(input: Partial<Record<K, string | undefined>>, fields: K[]): void {
  const errors = fields
    .filter((f) => input[f] !== undefined && datePart(input[f]) === null)
    .map((f) => ({ path: `/${f}`, message: '应为日历上存在的日期（YYYY-MM-DD）' }));
  if (errors.length) throw new AppError('invalid_decision', '审批日期无效', errors);
}

/** The decision date lies between the submission's day and today, both in China time. */
function decisionDateErrors(decidedOn: string, submittedAt: string | null, now: Date): FieldError[] {
  const submittedOn = submittedAt ? chinaDate(new Date(submittedAt)) : null;
  const today = chinaDate(now);
  if (submittedOn && decidedOn < submittedOn) return [{ path: '/decidedOn', message: `不能早于提交日期 ${submittedOn}` }];
  if (decidedOn > today) return [{ path: '/decidedOn', message: `不能晚于今天（${today}）` }];
  return [];
}

function textError(path: string, value: string | undefined): FieldError[] {
  const problem = value === undefined ? null : placeholderProblem(value);
  return problem ? [{ path, message: problem }] : [];
}

function fail(errors: FieldError[]): void {
  if (errors.length)
    throw new AppError('invalid_decision', errors.length === 1 ? `审批内容无效：${errors[0].message}` : '审批内容无效', errors);
}

/**
 * Checks an approval against its submission and the clock; returns the backdating reason to store (null when the
 * version takes effect on or after its decision date: a reason given then is not recorded).
 */
export function checkApproval(input: ApproveBody, submittedAt: string | null, now: Date): string | null {
  realDates(input, ['decidedOn', 'effectiveFrom']);
  const justification = input.justification?.trim();
  const errors = [
    ...textError('/approvalNumber', input.approvalNumber),
    ...(justification ? textError('/justification', justification) : []),
    ...decisionDateErrors(input.decidedOn, submittedAt, now),
  ];
  let backdateReason: string | null = null;
  if (input.effectiveFrom < input.decidedOn) {
    backdateReason = input.backdateReason?.trim() || null;
    if (!backdateReason) {
      errors.push({
        path: '/backdateReason',
        message: `生效日期 ${input.effectiveFrom} 早于批复日期 ${input.decidedOn}：追溯生效须说明理由`,
      });
    } else {
      errors.push(...textError('/backdateReason', backdateReason));
    }
  }
  fail(errors);
  return backdateReason;
}

/** Checks a rejection's optional decision date. */
export function checkRejection(input: RejectBody, submittedAt: string | null, now: Date): void {
  realDates(input, ['decidedOn']);
  if (input.decidedOn !== undefined) fail(decisionDateErrors(input.decidedOn, submittedAt, now));
}

// The states a scheme version moves through, and the one set of words every view uses for them (workbench badges,
// exported table, print view, error messages). Browser-safe.

export const VERSION_STATES = ['draft', 'submitted', 'approved', 'rejected', 'superseded'] as const;
export type VersionState = (typeof VERSION_STATES)[number];

export const VERSION_STATE_LABELS: Readonly<Record<VersionState, string>> = {
  draft: '草稿',
  submitted: '已提交待审批',
  approved: '已批准',
  rejected: '已退回',
  superseded: '已被新版本取代',
};

/** The label of a state, or the text itself for a state this code does not know. */
export function versionStateLabel(state: string): string {
  return (VERSION_STATE_LABELS as Record<string, string>)[state] ?? state;
}

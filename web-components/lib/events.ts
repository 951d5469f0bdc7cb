// The workbench's events, typed once: every element fires them bubbling and composed, pages listen and decide.
import type { Scheme, SchemeTest } from '../../server/schemas/scheme.js';
import type { Session } from './api.js';

export interface SchemeChangeDetail {
  /** The whole new document; the page keeps it as the unsaved draft. */
  scheme: Scheme;
}

export interface ConditionChangeDetail {
  /** The new JSON-Logic; undefined when the builder holds no condition. */
  logic: unknown;
}

export interface ItemFocusDetail {
  /** Clause number of the row to show (from a finding, a result or an error). */
  id?: string;
  /** Or a pointer into the document (`/items/3/when`, `/exclusions/0`). */
  path?: string;
}

export interface TestCaseAddDetail {
  test: SchemeTest;
}

export interface ClassSelectDetail {
  /** Code path of the chosen class ("WS/DQ"), or null for all classes. */
  path: string | null;
}

export interface ItemSelectDetail {
  index: number;
}

export interface NavigateDetail {
  href: string;
}

/** A choice in the import dialog's preview or mapping step; a new sheet or heading choice is checked again at once. */
export type ImportChoiceDetail =
  | { sheet: string }
  | { headingClasses: boolean }
  | { mapping: Record<string, string> }
  | { headerRow: number | undefined };

/** A button of the workbench's bar, or its export menu. */
export type WorkbenchCommandDetail =
  | { command: 'undo' | 'redo' | 'discard' | 'save' | 'submit' | 'toggle-changes' }
  | { command: 'export'; format: 'xlsx' | 'csv' | 'pdf' };

export interface SignedInDetail {
  session: Session;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'scheme-change': CustomEvent<SchemeChangeDetail>;
    'condition-change': CustomEvent<ConditionChangeDetail>;
    /** The builder's JSON text asks to be shown as rows again. */
    'condition-rows': CustomEvent<ConditionChangeDetail>;
    'item-focus': CustomEvent<ItemFocusDetail>;
    'item-select': CustomEvent<ItemSelectDetail>;
    'class-select': CustomEvent<ClassSelectDetail>;
    'test-case-add': CustomEvent<TestCaseAddDetail>;
    navigate: CustomEvent<NavigateDetail>;
    'signed-in': CustomEvent<SignedInDetail>;
    'sign-out': CustomEvent<Record<string, never>>;
    'password-changed': CustomEvent<Record<string, never>>;
    'values-change': CustomEvent<{ values: string[] }>;
    'record-submit': CustomEvent<{ record: Record<string, unknown> }>;
    'record-clear': CustomEvent<Record<string, never>>;
    'save-test': CustomEvent<undefined>;
    'versions-changed': CustomEvent<{ version?: number }>;
    'import-file': CustomEvent<{ file: File }>;
    'import-name': CustomEvent<{ name: string }>;
    'import-choice': CustomEvent<ImportChoiceDetail>;
    'workbench-command': CustomEvent<WorkbenchCommandDetail>;
  }
}

/** Dispatches a typed workbench event from `el` (bubbles and crosses shadow roots). */
export function fire<K extends keyof GlobalEventHandlersEventMap>(
  el: EventTarget,
  type: K,
  detail: GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never,
): void {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

// The unsaved draft of one scheme version: the saved document and its ETag, the edits on top with undo/redo, live
// validation by the service, and saving with If-Match (a 412 keeps the edits and says whose version is newer).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Scheme } from '../../server/schemas/scheme.js';
import { ApiError, type FieldError, type Id, type VersionMeta, errorText } from './api.js';
import { deepEqual } from './deep-equal.js';
import { api } from './session.js';
import { tryScheme } from './api-classify.js';
import { getVersion, saveDocument, type VersionDoc } from './api-schemes.js';

/** How many edits can be undone. */
const HISTORY = 100;

export type SaveOutcome =
  | { ok: true; meta: VersionMeta }
  | { ok: false; kind: 'conflict' }
  | { ok: false; kind: 'invalid' | 'failed'; message: string; errors: FieldError[] };

export class DraftController implements ReactiveController {
  doc: VersionDoc | null = null;
  draft: Scheme | null = null;
  /** The service's validation errors of the draft (paths into the document). */
  errors: FieldError[] = [];
  saving = false;
  /** Set after a 412: the version as someone else saved it (null when it could not be read). */
  conflict: { theirs: VersionDoc | null } | null = null;
  private undoStack: Scheme[] = [];
  private redoStack: Scheme[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly schemeId: () => Id,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  get dirty(): boolean {
    return !!this.doc && !!this.draft && !sameContent(this.doc.document, this.draft);
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Starts from a loaded version: no edits, no history. */
  reset(doc: VersionDoc): void {
    this.doc = doc;
    this.draft = doc.document;
    this.errors = [];
    this.conflict = null;
    this.undoStack = [];
    this.redoStack = [];
    this.host.requestUpdate();
  }

  /** An edit: the whole new document (undoable). */
  change(scheme: Scheme): void {
    if (!this.draft || scheme === this.draft) return;
    this.undoStack = [...this.undoStack.slice(-HISTORY + 1), this.draft];
    this.redoStack = [];
    this.set(scheme);
  }

  undo(): void {
    const previous = this.undoStack.at(-1);
    if (!previous || !this.draft) return;
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, this.draft];
    this.set(previous);
  }

  redo(): void {
    const next = this.redoStack.at(-1);
    if (!next || !this.draft) return;
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, this.draft];
    this.set(next);
  }

  /**
   * The editing keys of an editable page: Ctrl+S saves (when there is something to save); Ctrl+Z, Ctrl+Shift+Z and
   * Ctrl+Y undo and redo the table's edits, except while typing in a field (its own undo applies there).
   */
  shortcut(e: KeyboardEvent, save: () => void): void {
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    if (key === 's') {
      e.preventDefault();
      if (this.dirty) save();
      return;
    }
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target?.matches?.('input, textarea, select, [contenteditable]')) return;
    if (key === 'z' && !e.shiftKey) {
      e.preventDefault();
      this.undo();
    } else if ((key === 'z' && e.shiftKey) || key === 'y') {
      e.preventDefault();
      this.redo();
    }
  }

  /** Back to the saved version (undoable too). */
  discard(): void {
    if (this.doc) this.change(this.doc.document);
    this.errors = [];
  }

  private set(scheme: Scheme): void {
    this.draft = scheme;
    this.host.requestUpdate();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.validate(), 500);
  }

  /** Live validation of the unsaved draft by the service (the same checks a save runs). */
  private async validate(): Promise<void> {
    const draft = this.draft;
    if (!draft) return;
    try {
      const res = await tryScheme(api, draft, []);
      if (draft !== this.draft) return;
      this.errors = res.valid ? [] : res.errors.map((x) => ({ ...x, path: x.path.replace(/^\/document/, '') || '/' }));
      this.host.requestUpdate();
    } catch {
      // A failed check is not an error of the scheme; saving reports problems.
    }
  }

  async save(): Promise<SaveOutcome> {
    if (!this.doc || !this.draft) return { ok: false, kind: 'failed', message: '没有可保存的内容', errors: [] };
    this.saving = true;
    this.host.requestUpdate();
    const draft = this.draft;
    try {
      const { meta, etag } = await saveDocument(api, this.schemeId(), this.doc.number, draft, this.doc.etag ?? '*');
      this.doc = { ...this.doc, ...meta, document: { ...draft, version: meta.number }, etag };
      if (draft === this.draft) this.draft = this.doc.document;
      this.conflict = null;
      this.errors = [];
      return { ok: true, meta };
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        let theirs: VersionDoc | null = null;
        try {
          theirs = await getVersion(api, this.schemeId(), this.doc.number);
        } catch {
          // shown without the other side's time
        }
        this.conflict = { theirs };
        return { ok: false, kind: 'conflict' };
      }
      if (e instanceof ApiError && e.status === 422) {
        this.errors = e.errors;
        return { ok: false, kind: 'invalid', message: e.userMessage, errors: e.errors };
      }
      return { ok: false, kind: 'failed', message: errorText(e), errors: [] };
    } finally {
      this.saving = false;
      this.host.requestUpdate();
    }
  }

  /** After a conflict: save this draft over the newer version (its ETag taken now, deliberately). */
  async overwrite(): Promise<SaveOutcome> {
    if (!this.doc) return { ok: false, kind: 'failed', message: '没有可保存的内容', errors: [] };
    const theirs = this.conflict?.theirs ?? (await getVersion(api, this.schemeId(), this.doc.number));
    this.doc = { ...this.doc, etag: theirs.etag };
    return this.save();
  }
}

/** Same content, ignoring the version number the service writes into stored documents. */
export function sameContent(a: Scheme, b: Scheme): boolean {
  return deepEqual({ ...a, version: undefined }, { ...b, version: undefined });
}

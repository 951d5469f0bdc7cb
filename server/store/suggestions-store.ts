// The conditions an import suggested, per scheme (clause id → JSON-Logic), until applied or dropped.
import type { Db } from './db.js';

export type StoredSuggestions = Record<string, Record<string, unknown>>;

export class SuggestionsStore {
  private readonly insert;
  private readonly bySchemeId;
  private readonly remove;

  constructor(db: Db) {
    this.insert = db.prepare<[number, string, string]>(
      'INSERT INTO scheme_suggestions (scheme_id, suggestions, created_at) VALUES (?, ?, ?)',
    );
    this.bySchemeId = db.prepare<[number], { suggestions: string }>('SELECT suggestions FROM scheme_suggestions WHERE scheme_id = ?');
    this.remove = db.prepare<[number]>('DELETE FROM scheme_suggestions WHERE scheme_id = ?');
  }

  /** Keeps an import's suggestions with its new scheme (nothing when there are none). */
  put(schemeId: number, suggestions: StoredSuggestions, at: string): void {
    if (Object.keys(suggestions).length) this.insert.run(schemeId, JSON.stringify(suggestions), at);
  }

  get(schemeId: number): StoredSuggestions {
    const row = this.bySchemeId.get(schemeId);
    return row ? (JSON.parse(row.suggestions) as StoredSuggestions) : {};
  }

  /** Whether there were any to drop. */
  drop(schemeId: number): boolean {
    return this.remove.run(schemeId).changes > 0;
  }
}

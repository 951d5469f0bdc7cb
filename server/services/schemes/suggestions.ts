// The conditions an import suggested for its rows, kept with the scheme: read with what is still open in the draft,
// and let go of when the archivist no longer wants them. Applying one is an ordinary edit of the draft.
import type { SchemeSuggestions } from '../../schemas/api/index.js';
import type { Stores } from '../../store/index.js';
import type { SchemeTarget } from './scheme-access.js';

export class ImportSuggestionsService {
  constructor(private readonly stores: Stores) {}

  /** The suggestions, and how many rows of the open draft still lack a condition and have one suggested. */
  get(t: SchemeTarget): SchemeSuggestions {
    const suggestions = this.stores.suggestions.get(t.scheme.id);
    const open = this.stores.schemes.openVersion(t.scheme.id);
    const draft = open?.state === 'draft' ? this.stores.schemes.version(t.scheme.id, open.number)?.document : undefined;
    const pending = draft ? draft.items.filter((it) => it.when === undefined && suggestions[it.id] !== undefined).length : 0;
    return { suggestions, pending, draft: draft ? open!.number : null };
  }

  /** Lets the suggestions go (the draft keeps whatever was applied). */
  drop(t: SchemeTarget): void {
    this.stores.suggestions.drop(t.scheme.id);
  }
}

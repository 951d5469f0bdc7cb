// Changes recorded on a unit (restructuring, main business, functions) that make its table due for revision.
import type { UnitChangeKind } from '../schemas/supervision-words.js';
import type { Db } from './db.js';

export interface UnitChange {
  id: number;
  unitId: number;
  kind: UnitChangeKind;
  occurredOn: string;
  description: string;
  reference: string | null;
  recordedBy: string | null;
  recordedAt: string;
}

export interface NewUnitChange {
  unitId: number;
  kind: UnitChangeKind;
  occurredOn: string;
  description: string;
  reference: string | null;
  recordedBy: number;
}

interface Row {
  id: number;
  unit_id: number;
  kind: UnitChangeKind;
  occurred_on: string;
  description: string;
  reference: string | null;
  recorded_by_name: string | null;
  recorded_at: string;
}

const toChange = (r: Row): UnitChange => ({
  id: r.id,
  unitId: r.unit_id,
  kind: r.kind,
  occurredOn: r.occurred_on,
  description: r.description,
  reference: r.reference,
  recordedBy: r.recorded_by_name,
  recordedAt: r.recorded_at,
});

const SELECT =
  'SELECT c.id, c.unit_id, c.kind, c.occurred_on, c.description, c.reference, u.username AS recorded_by_name, c.recorded_at FROM unit_changes c LEFT JOIN users u ON u.id = c.recorded_by';

export class UnitChangeStore {
  private readonly insert;
  private readonly byId;
  private readonly ofUnit;
  private readonly every;

  constructor(db: Db) {
    this.insert = db.prepare<NewUnitChange & { at: string }, { id: number }>(
      `INSERT INTO unit_changes (unit_id, kind, occurred_on, description, reference, recorded_by, recorded_at)
       VALUES (@unitId, @kind, @occurredOn, @description, @reference, @recordedBy, @at) RETURNING id`,
    );
    this.byId = db.prepare<[number], Row>(`${SELECT} WHERE c.id = ?`);
    this.ofUnit = db.prepare<[number], Row>(`${SELECT} WHERE c.unit_id = ? ORDER BY c.occurred_on, c.id`);
    this.every = db.prepare<[], Row>(`${SELECT} ORDER BY c.unit_id, c.occurred_on, c.id`);
  }

  create(change: NewUnitChange, at: string): UnitChange {
    const { id } = this.insert.get({ ...change, at })!;
    return toChange(this.byId.get(id)!);
  }

  ofUnitId(unitId: number): UnitChange[] {
    return this.ofUnit.all(unitId).map(toChange);
  }

  /** Every recorded change, grouped by unit (the supervision view reads them all at once). */
  byUnit(): Map<number, UnitChange[]> {
    const out = new Map<number, UnitChange[]>();
    for (const c of this.every.all().map(toChange)) {
      const list = out.get(c.unitId);
      if (list) list.push(c);
      else out.set(c.unitId, [c]);
    }
    return out;
  }
}

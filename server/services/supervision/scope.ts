// Which units a user supervises: for a reviewer, the units its org supervises directly and, through every parent
// enterprise among them, the parent's subsidiaries (10号令 Art. 15: a parent guides and approves its subsidiaries'
// tables along the asset chain); for an admin, every unit (pure).
import type { Org } from '../../store/orgs-store.js';

export interface SupervisedUnit {
  unit: Org;
  /** The org that reviews the unit's table (its supervisor). */
  supervisor: Org | null;
  /** 1 for a unit supervised directly by the caller's org, 2 for its subsidiary, … (admins: 1 for every unit). */
  depth: number;
}

/** Units `orgId` supervises, breadth first; `orgId` null means all units (an admin). */
export function supervisedUnits(orgs: readonly Org[], orgId: number | null): SupervisedUnit[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const units = orgs.filter((o) => o.type === 'unit');
  if (orgId === null) {
    return units.map((unit) => ({ unit, supervisor: unit.supervisorId === null ? null : (byId.get(unit.supervisorId) ?? null), depth: 1 }));
  }
  const children = new Map<number, Org[]>();
  for (const u of units) {
    if (u.supervisorId === null) continue;
    const list = children.get(u.supervisorId);
    if (list) list.push(u);
    else children.set(u.supervisorId, [u]);
  }
  const out: SupervisedUnit[] = [];
  const seen = new Set<number>([orgId]);
  let frontier = [orgId];
  for (let depth = 1; frontier.length; depth++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const unit of children.get(id) ?? []) {
        if (seen.has(unit.id)) continue;
        seen.add(unit.id);
        out.push({ unit, supervisor: byId.get(id) ?? null, depth });
        next.push(unit.id);
      }
    }
    frontier = next;
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { supervisedUnits } from '../../server/services/supervision/scope.js';
import type { Org } from '../../server/store/orgs-store.js';

const org = (id: number, type: Org['type'], supervisorId: number | null): Org => ({
  id,
  type,
  name: `o${id}`,
  fonds: type === 'unit' ? `F${id}` : null,
  kind: type === 'unit' ? 'enterprise' : null,
  supervisorId,
  createdAt: '2026-01-01T00:00:00Z',
});

// Bureau 1 supervises unit 3 and parent 4; 4 supervises 5, 5 supervises 6. Bureau 2 (under 1) supervises unit 7.
const orgs = [
  org(1, 'bureau', null),
  org(2, 'bureau', 1),
  org(3, 'unit', 1),
  org(4, 'unit', 1),
  org(5, 'unit', 4),
  org(6, 'unit', 5),
  org(7, 'unit', 2),
];

describe('supervisedUnits', () => {
  it('a bureau: its units and, through parent enterprises, their subsidiaries — not a lower bureau’s units', () => {
    const s = supervisedUnits(orgs, 1);
    expect(s.map((x) => [x.unit.id, x.supervisor?.id, x.depth])).toEqual([
      [3, 1, 1],
      [4, 1, 1],
      [5, 4, 2],
      [6, 5, 3],
    ]);
  });

  it('a parent enterprise: its subsidiaries, not itself', () => {
    expect(supervisedUnits(orgs, 4).map((x) => x.unit.id)).toEqual([5, 6]);
  });

  it('an admin (null): every unit', () => {
    expect(supervisedUnits(orgs, null).map((x) => x.unit.id)).toEqual([3, 4, 5, 6, 7]);
  });
});

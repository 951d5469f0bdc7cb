// Organisations: archives bureaus (档案局) and the units (单位) they — or a parent enterprise — supervise.
import type { Db } from './db.js';

export type OrgType = 'bureau' | 'unit';
export type UnitKind = 'enterprise' | 'organ';

export interface Org {
  id: number;
  type: OrgType;
  name: string;
  /** 全宗号; units only. */
  fonds: string | null;
  kind: UnitKind | null;
  /** The org that reviews this one's schemes (a bureau, or a parent enterprise). */
  supervisorId: number | null;
  createdAt: string;
}

export interface NewOrg {
  type: OrgType;
  name: string;
  fonds?: string | null;
  kind?: UnitKind | null;
  supervisorId?: number | null;
}

interface Row {
  id: number;
  type: OrgType;
  name: string;
  fonds: string | null;
  kind: UnitKind | null;
  supervisor_id: number | null;
  created_at: string;
}

const toOrg = (r: Row): Org => ({
  id: r.id,
  type: r.type,
  name: r.name,
  fonds: r.fonds,
  kind: r.kind,
  supervisorId: r.supervisor_id,
  createdAt: r.created_at,
});

export class OrgStore {
  private readonly insert;
  private readonly byId;
  private readonly all;
  private readonly supervised;
  private readonly byFondsStmt;
  private readonly updateStmt;

  constructor(db: Db) {
    this.insert = db.prepare<
      { type: string; name: string; fonds: string | null; kind: string | null; supervisorId: number | null; at: string },
      Row
    >(
      'INSERT INTO orgs (type, name, fonds, kind, supervisor_id, created_at) VALUES (@type, @name, @fonds, @kind, @supervisorId, @at) RETURNING *',
    );
    this.byId = db.prepare<[number], Row>('SELECT * FROM orgs WHERE id = ?');
    this.all = db.prepare<[], Row>('SELECT * FROM orgs ORDER BY id');
    this.supervised = db.prepare<[number], Row>('SELECT * FROM orgs WHERE supervisor_id = ? ORDER BY id');
    this.byFondsStmt = db.prepare<[string], Row>('SELECT * FROM orgs WHERE fonds = ?');
    this.updateStmt = db.prepare<{ id: number; name: string; fonds: string | null; kind: string | null; supervisorId: number | null }, Row>(
      'UPDATE orgs SET name = @name, fonds = @fonds, kind = @kind, supervisor_id = @supervisorId WHERE id = @id RETURNING *',
    );
  }

  create(org: NewOrg, at: string): Org {
    return toOrg(
      this.insert.get({
        type: org.type,
        name: org.name,
        fonds: org.fonds ?? null,
        kind: org.kind ?? null,
        supervisorId: org.supervisorId ?? null,
        at,
      })!,
    );
  }

  get(id: number): Org | undefined {
    const r = this.byId.get(id);
    return r && toOrg(r);
  }

  byFonds(fonds: string): Org | undefined {
    const r = this.byFondsStmt.get(fonds);
    return r && toOrg(r);
  }

  list(): Org[] {
    return this.all.all().map(toOrg);
  }

  /** Orgs whose supervisor is `id` (direct supervision only). */
  supervisedBy(id: number): Org[] {
    return this.supervised.all(id).map(toOrg);
  }

  /** Name, 全宗号, kind and supervisor (the type never changes). */
  update(id: number, org: Pick<Org, 'name' | 'fonds' | 'kind' | 'supervisorId'>): Org {
    return toOrg(this.updateStmt.get({ id, name: org.name, fonds: org.fonds, kind: org.kind, supervisorId: org.supervisorId })!);
  }
}

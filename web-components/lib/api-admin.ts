// Organisations and users (docs/api.md §admin).
import type { Api, Org, Role, User } from './api.js';

export interface NewOrg {
  type: 'bureau' | 'unit';
  name: string;
  fonds?: string;
  kind?: 'enterprise' | 'organ';
  supervisorId?: number;
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  orgId: number | null;
}

export function listOrgs(api: Api, signal?: AbortSignal): Promise<Org[]> {
  return api.get<Org[]>('/orgs', { signal });
}

export function createOrg(api: Api, org: NewOrg): Promise<Org> {
  return api.post<Org>('/orgs', org);
}

export function listUsers(api: Api, signal?: AbortSignal): Promise<User[]> {
  return api.get<User[]>('/users', { signal });
}

export function createUser(api: Api, user: NewUser): Promise<User> {
  return api.post<User>('/users', user);
}

/** Lifts the lock set by repeated wrong passwords. */
export function unlockUser(api: Api, userId: number): Promise<User> {
  return api.post<User>(`/users/${userId}/unlock`);
}

// Organisations and users: create, edit, disable, reset, confirm, unlock (docs/api.md §admin).
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

export interface UserChanges {
  displayName?: string;
  role?: Role;
  orgId?: number | null;
}

export interface OrgChanges {
  name?: string;
  fonds?: string;
  kind?: 'enterprise' | 'organ';
  supervisorId?: number | null;
}

export async function updateUser(api: Api, userId: number, changes: UserChanges): Promise<User> {
  return (await api.request<User>('PATCH', `/users/${userId}`, { body: changes })).data;
}

/** Disabling ends the user's sessions at once. */
export function setUserDisabled(api: Api, userId: number, disabled: boolean): Promise<User> {
  return api.post<User>(`/users/${userId}/${disabled ? 'disable' : 'enable'}`);
}

/** A generated password, returned this once; the user must change it at the next sign-in. */
export function resetPassword(api: Api, userId: number): Promise<{ user: User; password: string }> {
  return api.post<{ user: User; password: string }>(`/users/${userId}/reset-password`);
}

/**
 * A second admin confirms an admin account another admin set up, and gets its password (generated, returned this
 * once) to hand to its owner: the password it was set up with stops working.
 */
export function confirmAdmin(api: Api, userId: number): Promise<{ user: User; password: string }> {
  return api.post<{ user: User; password: string }>(`/users/${userId}/confirm`);
}

export async function updateOrg(api: Api, orgId: number, changes: OrgChanges): Promise<Org> {
  return (await api.request<Org>('PATCH', `/orgs/${orgId}`, { body: changes })).data;
}

// Sign-in, sign-out, the signed-in user and their own password (docs/api.md §auth).
import type { Api, Me, Session } from './api.js';

export function login(api: Api, username: string, password: string): Promise<Session> {
  return api.post<Session>('/auth/login', { username, password });
}

export async function logout(api: Api): Promise<void> {
  await api.request('POST', '/auth/logout');
}

export async function changeOwnPassword(api: Api, currentPassword: string, newPassword: string): Promise<void> {
  await api.request('POST', '/me/password', { body: { currentPassword, newPassword } });
}

export function getMe(api: Api, signal?: AbortSignal): Promise<Me> {
  return api.get<Me>('/me', { signal });
}

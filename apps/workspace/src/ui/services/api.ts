import axios from '@nextcloud/axios'
import { spacePath } from '@maison/ui-shell'
import type { Account, AppPassword, FolderWriters, Invitation, Me, NewAppPassword, Role, Share, SpaceInfo, TrashItem } from '../types/api.ts'

const api = (path: string): string => spacePath(`/api/v1${path}`)

/** Logs in with a username or e-mail; the server sets the session cookie. */
export async function login(username: string, password: string): Promise<void> {
  await axios.post(api('/session'), { username, password })
}

/** Asks for a reset link; the answer is the same whether the account exists or not. */
export async function requestPasswordReset(loginName: string): Promise<void> {
  await axios.post(api('/password-reset'), { login: loginName })
}

/** Sets a new password with the token from the e-mailed link. */
export async function resetPassword(token: string, password: string): Promise<void> {
  await axios.post(api(`/password-reset/${encodeURIComponent(token)}`), { password })
}

/** What an invitation link is for (public). */
export async function getInvitation(token: string): Promise<{ email: string; spaceName: string }> {
  return (await axios.get(api(`/invitations/${encodeURIComponent(token)}`))).data
}

/** Creates the account of an invited person and logs them in. */
export async function acceptInvitation(token: string, body: { username: string; displayName: string; password: string }): Promise<void> {
  await axios.post(api(`/invitations/${encodeURIComponent(token)}/accept`), body)
}

/** The logged-in account, with its storage use. */
export async function getMe(): Promise<Me> {
  return (await axios.get(api('/me'))).data
}

/** Updates the profile or language of the logged-in account. */
export async function updateMe(patch: Partial<Pick<Me, 'displayName' | 'email' | 'language'>>): Promise<Me> {
  return (await axios.patch(api('/me'), patch)).data
}

/** Changes the password; a wrong current password answers 403 wrong_password. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await axios.post(api('/me/password'), { currentPassword, newPassword })
}

/** App passwords of the logged-in account. */
export async function listAppPasswords(): Promise<AppPassword[]> {
  return (await axios.get(api('/me/app-passwords'))).data.appPasswords
}

/** Creates an app password; its secret is in this answer only. */
export async function createAppPassword(name: string): Promise<NewAppPassword> {
  return (await axios.post(api('/me/app-passwords'), { name })).data
}

/** Revokes an app password: devices using it stop syncing. */
export async function revokeAppPassword(id: AppPassword['id']): Promise<void> {
  await axios.delete(api(`/me/app-passwords/${encodeURIComponent(String(id))}`))
}

/** Accounts of the space (admin). */
export async function listAccounts(): Promise<{ accounts: Account[]; limits: { maxAccounts: number; used: number } }> {
  return (await axios.get(api('/accounts'))).data
}

/** Creates an account (admin); 403 limit_reached when the space is full. */
export async function createAccount(body: { username: string; displayName?: string; email?: string; role: Role; password: string }): Promise<Account> {
  return (await axios.post(api('/accounts'), body)).data
}

/** Changes an account (admin). */
export async function updateAccount(id: Account['id'], patch: { displayName?: string; email?: string; role?: Role; enabled?: boolean; quotaBytes?: number | null }): Promise<Account> {
  return (await axios.patch(api(`/accounts/${encodeURIComponent(String(id))}`), patch)).data
}

/** Deletes an account (admin), its files transferred to the caller or deleted. */
export async function deleteAccount(id: Account['id'], files: 'transfer' | 'delete'): Promise<void> {
  await axios.delete(api(`/accounts/${encodeURIComponent(String(id))}`), { params: { files } })
}

/** Pending invitations (admin). */
export async function listInvitations(): Promise<Invitation[]> {
  return (await axios.get(api('/invitations'))).data.invitations
}

/** Invites someone by e-mail (admin). */
export async function createInvitation(body: { email: string; role: Role; language?: string }): Promise<Invitation> {
  return (await axios.post(api('/invitations'), body)).data
}

/** Revokes a pending invitation (admin). */
export async function revokeInvitation(id: Invitation['id']): Promise<void> {
  await axios.delete(api(`/invitations/${encodeURIComponent(String(id))}`))
}

/** The space's name, colours, limits and usage. */
export async function getSpace(): Promise<SpaceInfo> {
  return (await axios.get(api('/space'))).data
}

/** Renames the association or changes its colours (admin). */
export async function updateSpace(patch: { name?: string; colors?: { primary?: string; background?: string } }): Promise<SpaceInfo> {
  return (await axios.patch(api('/space'), patch)).data
}

/** Replaces the association's logo (admin; PNG, JPEG or SVG up to 1 MB). */
export async function uploadLogo(file: File): Promise<void> {
  await axios.put(api('/space/logo'), file, { headers: { 'Content-Type': file.type } })
}

/** Who may write in the association folder. */
export async function getFolderWriters(): Promise<FolderWriters> {
  return (await axios.get(api('/association-folder'))).data.writers
}

/** Changes who may write in the association folder (admin). */
export async function setFolderWriters(writers: FolderWriters): Promise<void> {
  await axios.put(api('/association-folder'), { writers })
}

/** Items in the logged-in account's trash. */
export async function listTrash(): Promise<TrashItem[]> {
  return (await axios.get(api('/trash'))).data.items
}

/** Puts a trashed item back where it was. */
export async function restoreTrashItem(id: TrashItem['id']): Promise<void> {
  await axios.post(api(`/trash/${encodeURIComponent(String(id))}/restore`))
}

/** Deletes one trashed item for good. */
export async function deleteTrashItem(id: TrashItem['id']): Promise<void> {
  await axios.delete(api(`/trash/${encodeURIComponent(String(id))}`))
}

/** Deletes everything in the trash for good. */
export async function emptyTrash(): Promise<void> {
  await axios.delete(api('/trash'))
}

/** Share links of one file or folder. */
export async function listShares(path: string): Promise<Share[]> {
  return (await axios.get(api('/shares'), { params: { path } })).data.shares
}

/** Creates a public, read-only link. */
export async function createShare(body: { path: string; password?: string; expiresAt?: string }): Promise<Share> {
  return (await axios.post(api('/shares'), body)).data
}

/** Revokes a share link. */
export async function revokeShare(id: Share['id']): Promise<void> {
  await axios.delete(api(`/shares/${encodeURIComponent(String(id))}`))
}

import type { Language } from '@maison/ui-shell'

export type Role = 'admin' | 'member'

export interface Me {
  username: string
  displayName: string
  email: string | null
  role: Role
  language: Language | null
  quota: { used: number; total: number | null }
}

export interface AppPassword {
  id: number | string
  name: string
  createdAt: string
  lastUsedAt: string | null
}

export interface NewAppPassword {
  id: number | string
  name: string
  loginName: string
  password: string
}

export interface Account {
  id: number | string
  username: string
  displayName: string
  email: string | null
  role: Role
  enabled: boolean
  quota: { used: number; total: number | null }
  lastLoginAt: string | null
}

export interface Invitation {
  id: number | string
  email: string
  role: Role
  createdAt: string
  expiresAt: string
}

export interface SpaceInfo {
  slug: string
  name: string
  colors: { primary: string; background: string }
  logoUrl: string | null
  limits: { maxAccounts: number; quotaBytes: number }
  usage: { accounts: number; bytes: number }
}

export interface TrashItem {
  id: number | string
  name: string
  originalPath: string
  deletedAt: string
  size: number
  isFolder: boolean
}

export interface Share {
  id: number | string
  path: string
  token: string
  url: string
  hasPassword: boolean
  expiresAt: string | null
  createdAt: string
}

export type FolderWriters = 'admins' | 'members' | { usernames: string[] }

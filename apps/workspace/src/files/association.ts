import { ValidationError } from '@maison/errors'
import type { FileRepository } from './repository.ts'
import type { Actor } from './context.ts'

/** Who may write in the association folder; admins always may. */
export type AssociationWriters = 'admins' | 'members' | { usernames: string[] }

const KEY = 'association_writers'

/** The current writers setting ('admins' until changed). */
export function getAssociationWriters(repo: FileRepository): AssociationWriters {
  const raw = repo.getSetting(KEY)
  return raw ? (JSON.parse(raw) as AssociationWriters) : 'admins'
}

/**
 * Changes who may write in the association folder.
 * @throws ValidationError when the value is not one of the three forms.
 */
export function setAssociationWriters(repo: FileRepository, writers: AssociationWriters): AssociationWriters {
  const ok =
    writers === 'admins' ||
    writers === 'members' ||
    (typeof writers === 'object' && Array.isArray(writers.usernames) && writers.usernames.every((u) => typeof u === 'string' && u.length > 0))
  if (!ok) {
    throw new ValidationError('writers must be "admins", "members" or { usernames: [...] }.', {
      errors: [{ path: 'writers', message: 'expected "admins", "members" or { usernames: string[] }' }],
    })
  }
  repo.setSetting(KEY, JSON.stringify(writers))
  return writers
}

/** Whether an account may create, change or delete items in the association folder. */
export function canWriteAssociation(repo: FileRepository, actor: Actor): boolean {
  if (actor.role === 'admin') return true
  const w = getAssociationWriters(repo)
  if (w === 'members') return true
  if (w === 'admins') return false
  return w.usernames.includes(actor.username)
}

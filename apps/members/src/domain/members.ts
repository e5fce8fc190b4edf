import crypto from 'node:crypto'
import { Conflict, NotFound, ValidationError, type FieldError } from '@maison/errors'
import type { MemberListItem, MemberListQuery, MembersEnv } from './repositories.ts'
import { memberInput, type MemberInput } from './schemas.ts'
import { validateCustom } from './custom-fields.ts'
import { today } from './settings.ts'
import { parseOrThrow } from './validate.ts'
import type { Member, MemberData } from './types.ts'

/** An unguessable token for the public verify page; it says nothing about the member. */
export const newVerifyToken = (): string => crypto.randomBytes(18).toString('base64url')

/** Applies a (partial) input over an existing record, or over defaults for a new one. */
function merge(env: MembersEnv, base: MemberData | null, i: Partial<MemberInput>): MemberData {
  const b: MemberData = base ?? {
    number: '', firstName: '', lastName: '', email: null, phone: null,
    address: { street: null, postcode: null, city: null, country: null }, birthDate: null, categoryId: null,
    joinedOn: today(env).today, consent: { newsletter: false, photos: false }, remindersOptOut: false, language: 'fr',
    notes: '', custom: {}, account: null,
  }
  return {
    number: i.number ?? b.number,
    firstName: i.firstName ?? b.firstName,
    lastName: i.lastName ?? b.lastName,
    email: i.email === undefined ? b.email : i.email,
    phone: i.phone === undefined ? b.phone : i.phone,
    address: { ...b.address, ...i.address },
    birthDate: i.birthDate === undefined ? b.birthDate : i.birthDate,
    categoryId: i.categoryId === undefined ? b.categoryId : i.categoryId,
    joinedOn: i.joinedOn ?? b.joinedOn,
    consent: { ...b.consent, ...i.consent },
    remindersOptOut: i.remindersOptOut ?? b.remindersOptOut,
    language: i.language ?? b.language,
    notes: i.notes ?? b.notes,
    custom: i.custom === undefined ? b.custom : { ...b.custom, ...i.custom },
    account: i.account === undefined ? b.account : i.account,
  }
}

/** Cross-record rules: category exists, number and account free, custom fields valid, birth not in the future. */
function checkRecord(env: MembersEnv, d: MemberData, selfId: number | null): MemberData {
  const errors: FieldError[] = []
  if (d.categoryId !== null && !env.store.categories.get(d.categoryId)) errors.push({ path: 'categoryId', message: 'no such category' })
  const t = today(env).today
  if (d.birthDate && d.birthDate > t) errors.push({ path: 'birthDate', message: 'must not be in the future' })
  if (errors.length) throw new ValidationError('The member is not valid.', { errors })
  const custom = validateCustom(env.store.fields.list(), d.custom)
  const sameNumber = env.store.members.getByNumber(d.number)
  if (sameNumber && sameNumber.id !== selfId) {
    throw new Conflict(`Member number ${d.number} is already used by another member.`, { errors: [{ path: 'number', message: 'already used' }] })
  }
  if (d.account) {
    const sameAccount = env.store.members.getByAccount(d.account)
    if (sameAccount && sameAccount.id !== selfId) {
      throw new Conflict('This account is already linked to another member.', { errors: [{ path: 'account', message: 'already linked' }] })
    }
  }
  return { ...d, custom }
}

/** Creates a member; without a number, the next free one is given. @throws ValidationError, Conflict */
export function createMember(env: MembersEnv, input: unknown): Member {
  const i = parseOrThrow(memberInput, input, 'member')
  return env.store.transaction(() => {
    const d = merge(env, null, i)
    if (!d.number) d.number = env.store.members.nextNumber()
    return env.store.members.insert(checkRecord(env, d, null), newVerifyToken(), env.clock())
  })
}

/** Changes the given fields of a member (custom values are merged by key). @throws NotFound, ValidationError, Conflict */
export function updateMember(env: MembersEnv, id: number, input: unknown): Member {
  const i = parseOrThrow(memberInput.partial(), input, 'member')
  return env.store.transaction(() => {
    const current = env.store.members.get(id)
    if (!current) throw new NotFound('No such member.')
    return env.store.members.update(id, checkRecord(env, merge(env, current, i), id), env.clock())
  })
}

/** One member. @throws NotFound */
export function getMember(env: MembersEnv, id: number): Member {
  const m = env.store.members.get(id)
  if (!m) throw new NotFound('No such member.')
  return m
}

/** Deletes a member with their subscriptions and payments. @throws NotFound */
export function deleteMember(env: MembersEnv, id: number): void {
  env.store.transaction(() => {
    getMember(env, id)
    env.store.members.delete(id)
  })
}

/** A page of members with their status. */
export function listMembers(env: MembersEnv, q: Omit<MemberListQuery, 'today' | 'soonUntil'>): { items: MemberListItem[]; total: number } {
  return env.store.members.list({ ...q, ...today(env) })
}

/** Moves several members to a category at once (e.g. to "former members"). @throws NotFound, ValidationError */
export function setCategory(env: MembersEnv, ids: number[], categoryId: number | null): number {
  return env.store.transaction(() => {
    if (categoryId !== null && !env.store.categories.get(categoryId)) {
      throw new ValidationError('No such category.', { errors: [{ path: 'categoryId', message: 'no such category' }] })
    }
    for (const id of ids) {
      const m = getMember(env, id)
      env.store.members.update(id, { ...m, categoryId }, env.clock())
    }
    return ids.length
  })
}

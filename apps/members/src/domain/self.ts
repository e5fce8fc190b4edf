import { NotFound } from '@maison/errors'
import type { MembersEnv } from './repositories.ts'
import { selfInput } from './schemas.ts'
import { validateCustom } from './custom-fields.ts'
import { memberAccount } from './payments.ts'
import { memberStatus } from './status.ts'
import { remindersSentTo } from './reminders.ts'
import { parseOrThrow } from './validate.ts'
import type { CustomField, Member } from './types.ts'

/** The record linked to an account. @throws NotFound when none is linked */
export function ownRecord(env: MembersEnv, username: string): Member {
  const m = env.store.members.getByAccount(username)
  if (!m) throw new NotFound('No member record is linked to your account; ask an admin of your association.')
  return m
}

/** What a member sees of their own record: admin notes and hidden custom fields left out. @throws NotFound */
export function selfView(env: MembersEnv, username: string) {
  const m = ownRecord(env, username)
  const fields = env.store.fields.list().filter((f) => f.memberVisible)
  const custom = Object.fromEntries(Object.entries(m.custom).filter(([k]) => fields.some((f) => f.key === k)))
  const { notes: _notes, verifyToken: _token, ...rest } = m
  const category = m.categoryId === null ? null : (env.store.categories.get(m.categoryId)?.name ?? null)
  return { member: { ...rest, custom, category }, fields, ...memberStatus(env, m.id), ...memberAccount(env, m.id), reminders: remindersSentTo(env, m.id) }
}

/** A member changes their contact data, consents, language, reminder opt-out and editable fields. @throws NotFound, ValidationError */
export function updateSelf(env: MembersEnv, username: string, input: unknown) {
  const i = parseOrThrow(selfInput, input, 'record')
  env.store.transaction(() => {
    const m = ownRecord(env, username)
    const fields = env.store.fields.list()
    const editable = (f: CustomField) => f.memberEditable
    // Required fields the member cannot edit must not block their own changes.
    const own = validateCustom(fields.map((f) => (f.memberEditable ? f : { ...f, required: false })), i.custom ?? {}, editable)
    env.store.members.update(m.id, {
      ...m,
      email: i.email === undefined ? m.email : i.email,
      phone: i.phone === undefined ? m.phone : i.phone,
      address: { ...m.address, ...i.address },
      consent: { ...m.consent, ...i.consent },
      remindersOptOut: i.remindersOptOut ?? m.remindersOptOut,
      language: i.language ?? m.language,
      custom: { ...Object.fromEntries(Object.entries(m.custom).filter(([k]) => !(k in (i.custom ?? {})))), ...own },
    }, env.clock())
  })
  return selfView(env, username)
}

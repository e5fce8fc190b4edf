import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AppError } from '@maison/errors'
import { buildMember, makeEnv } from '../../test/harness.ts'
import { createActivity } from './activities.ts'
import { createCategory } from './categories.ts'
import { recordPayment } from './payments.ts'
import { createRule, previewReminders, remindersSentTo, runReminders, type ReminderMail } from './reminders.ts'
import { DEFAULT_TEMPLATES } from './templates.ts'
import { updateMember } from './members.ts'

let h: ReturnType<typeof makeEnv>
beforeEach(() => {
  h = makeEnv('2026-01-01T10:00:00Z')
})
afterEach(() => h.close())

function setup() {
  const act = createActivity(h.env, { name: 'Membership', validity: { kind: 'days', days: 30 }, fees: [{ label: 'Fee', amountCents: 2500 }] })
  createRule(h.env, act.id, { offsetDays: -7, templates: DEFAULT_TEMPLATES })
  createRule(h.env, act.id, { offsetDays: 3, templates: DEFAULT_TEMPLATES })
  const pay = (id: number, paidOn: string) => recordPayment(h.env, id, { activityId: act.id, amountCents: 2500, paidOn, method: 'cash' })
  return { act, pay }
}

describe('reminders', () => {
  it('sends each due reminder once, in the member language, and renewing moves the next one', async () => {
    const { pay } = setup()
    const fr = buildMember(h.env, { firstName: 'Zoé' })
    const en = buildMember(h.env, { firstName: 'John', language: 'en' })
    pay(fr.id, '2026-01-01')
    pay(en.id, '2026-01-01') // both expire 2026-01-30
    const sent: ReminderMail[] = []
    const send = async (ms: ReminderMail[]) => void sent.push(...ms)
    h.clock.set('2026-01-22T08:00:00Z') // 8 days before: nothing yet
    expect(await runReminders(h.env, 'demo', send)).toEqual({ decided: 0, queued: 0 })
    h.clock.set('2026-01-23T08:00:00Z')
    expect(await runReminders(h.env, 'demo', send)).toEqual({ decided: 2, queued: 2 })
    expect(await runReminders(h.env, 'demo', send)).toEqual({ decided: 0, queued: 0 })
    expect(sent.map((m) => m.subject)).toEqual([
      'Votre adhésion à Les Amis du Parc expire le 30 janvier 2026',
      'Your membership of Les Amis du Parc expires on 30 January 2026',
    ])
    expect(sent[0]!.text).toContain('Bonjour Zoé')
    expect(sent[0]!.text).toMatch(/25,00\s€/)
    expect(sent[0]!.key).toBe(`members-reminder:demo:1:${fr.id}:2026-01-30`)
    pay(en.id, '2026-01-25') // renewed: next expiry 2026-03-01
    h.clock.set('2026-02-02T08:00:00Z')
    await runReminders(h.env, 'demo', send)
    expect(sent.map((m) => m.to)).toEqual([fr.email, en.email, fr.email])
    expect(remindersSentTo(h.env, fr.id).map((r) => r.ruleId)).toEqual([2, 1])
  })

  it('skips hidden categories, members without e-mail and those who opted out; the preview says why', async () => {
    const { pay } = setup()
    const former = createCategory(h.env, { name: 'Former', hidden: true })
    const a = buildMember(h.env, { categoryId: former.id })
    const b = buildMember(h.env, { email: null })
    const c = buildMember(h.env, { remindersOptOut: true })
    const d = buildMember(h.env)
    for (const m of [a, b, c, d]) pay(m.id, '2026-01-01')
    h.clock.set('2026-01-23T08:00:00Z')
    expect(previewReminders(h.env, 'demo').map((p) => [p.memberId, p.skip])).toEqual([[a.id, 'hidden_category'], [b.id, 'no_email'], [c.id, 'opted_out'], [d.id, null]])
    const sent: ReminderMail[] = []
    await runReminders(h.env, 'demo', async (ms) => void sent.push(...ms))
    expect(sent.map((m) => m.to)).toEqual([d.email])
    expect(previewReminders(h.env, 'demo').find((p) => p.memberId === d.id)!.skip).toBe('already_sent')
    updateMember(h.env, c.id, { remindersOptOut: false })
    expect(previewReminders(h.env, 'demo').find((p) => p.memberId === c.id)!.skip).toBeNull()
  })

  it('a send that fails leaves the decision to be queued again with the same key, never decided twice', async () => {
    const { pay } = setup()
    const m = buildMember(h.env)
    pay(m.id, '2026-01-01')
    h.clock.set('2026-01-23T08:00:00Z')
    await expect(runReminders(h.env, 'demo', async () => { throw new Error('redis down') })).rejects.toThrow('redis down')
    const keys: string[] = []
    expect(await runReminders(h.env, 'demo', async (ms) => void keys.push(...ms.map((m) => m.key)))).toEqual({ decided: 0, queued: 1 })
    expect(keys).toEqual([`members-reminder:demo:1:${m.id}:2026-01-30`])
  })

  it('refuses unknown placeholders', () => {
    const { act } = setup()
    try {
      createRule(h.env, act.id, { offsetDays: 0, templates: { ...DEFAULT_TEMPLATES, en: { subject: 'Hi {{nmae}}', body: 'x' } } })
      throw new Error('expected an error')
    } catch (e) {
      expect((e as AppError).errors![0]!.path).toBe('templates.en.subject')
    }
  })
})

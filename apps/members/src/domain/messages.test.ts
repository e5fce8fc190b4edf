import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildMember, makeEnv } from '../../test/harness.ts'
import { deleteMember } from './members.ts'
import { deliverMessage, requestMessage, resumeMessages, type OutgoingMail } from './messages.ts'

let h: ReturnType<typeof makeEnv>
beforeEach(() => {
  h = makeEnv('2026-03-01T10:00:00Z')
})
afterEach(() => h.close())

const REQUEST = '0b7e3f0e-6a51-4c4e-9d0b-3c2f9a1e7d11'

describe('bulk messages', () => {
  it('a replay of the same request id answers the first result and starts the same job again, storing nothing new', async () => {
    const a = buildMember(h.env)
    const b = buildMember(h.env, { email: null })
    const started: number[] = []
    const start = async (id: number) => void started.push(id)
    const input = { requestId: REQUEST, ids: [a.id, b.id, a.id], subject: 'AG', body: 'Bonjour {{firstName}}' }
    const first = await requestMessage(h.env, input, start)
    expect(first).toMatchObject({ queued: 1, skipped: 1, message: { requestId: REQUEST, recipients: 1, skipped: 1, handed: 0, state: 'queued' } })
    const replay = await requestMessage(h.env, { ...input, ids: [b.id, a.id] }, start)
    expect(replay).toEqual(first)
    expect(started).toEqual([first.message.id, first.message.id])
    expect(h.env.store.messages.list(10)).toHaveLength(1)
  })

  it('refuses a request id used for another message, and a missing or malformed one', async () => {
    const a = buildMember(h.env)
    const start = async () => {}
    await requestMessage(h.env, { requestId: REQUEST, ids: [a.id], subject: 'AG', body: 'x' }, start)
    await expect(requestMessage(h.env, { requestId: REQUEST, ids: [a.id], subject: 'AG', body: 'y' }, start)).rejects.toMatchObject({ status: 409 })
    for (const requestId of [undefined, 'not-a-uuid']) {
      const err = await requestMessage(h.env, { requestId, ids: [a.id], subject: 'AG', body: 'x' }, start).catch((e) => e)
      expect(err.status).toBe(400)
      expect(err.errors.map((e: { path: string }) => e.path)).toEqual(['requestId'])
    }
    expect(h.env.store.messages.list(10)).toHaveLength(1)
  })

  it('the job resumes after a crash mid-way, handing each recipient over once with a key per member', async () => {
    const members = Array.from({ length: 450 }, () => buildMember(h.env))
    const { message } = await requestMessage(h.env, { requestId: REQUEST, ids: members.map((m) => m.id), subject: 'AG {{lastName}}', body: 'x' }, async () => {})
    deleteMember(h.env, members[449]!.id)
    const handed: OutgoingMail[] = []
    let batches = 0
    const crashing = async (mails: OutgoingMail[]) => {
      if (++batches === 2) throw new Error('worker killed')
      handed.push(...mails)
    }
    await expect(deliverMessage(h.env, 'demo', message.id, crashing)).rejects.toThrow('worker killed')
    expect(h.env.store.messages.get(message.id)).toMatchObject({ handed: 200, state: 'sending' })
    const progress: number[] = []
    const done = await deliverMessage(h.env, 'demo', message.id, async (mails) => void handed.push(...mails), (n) => void progress.push(n))
    expect(done).toMatchObject({ recipients: 450, handed: 450, state: 'sent' })
    expect(progress).toEqual([400, 450])
    const keys = handed.map((m) => m.key)
    expect(keys).toHaveLength(449)
    expect(new Set(keys).size).toBe(449)
    expect(keys[0]).toBe(`members-message:demo:${message.id}:${members[0]!.id}`)
    expect(handed[0]!.subject).toBe(`AG ${members[0]!.lastName}`)
    // A re-run of a finished job hands nothing.
    await deliverMessage(h.env, 'demo', message.id, async (mails) => void handed.push(...mails))
    expect(handed).toHaveLength(449)
  })

  it('the hourly sweep restarts the job of a message whose request died before starting it, and only that one', async () => {
    const a = buildMember(h.env)
    const lost = await requestMessage(h.env, { requestId: REQUEST, ids: [a.id], subject: 'Lost', body: 'x' }, async () => { throw new Error('redis down') }).catch((e) => e)
    expect(lost.message).toBe('redis down')
    const done = await requestMessage(h.env, { requestId: '5d0c8e2a-1f3b-4a7c-8e9d-6b2a4c1f0e77', ids: [a.id], subject: 'Done', body: 'x' }, async () => {})
    await deliverMessage(h.env, 'demo', done.message.id, async () => {})
    const started: number[] = []
    expect(await resumeMessages(h.env, async (id) => void started.push(id))).toEqual([])
    h.clock.set('2026-03-01T10:11:00Z')
    expect(await resumeMessages(h.env, async (id) => void started.push(id))).toEqual([done.message.id - 1])
    expect(started).toEqual([done.message.id - 1])
  })
})

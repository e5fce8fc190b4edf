import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { migrate, openDatabase, type Db } from '@maison/db'
import { AppError } from '@maison/errors'
import { migrations } from '../src/storage/migrations.ts'
import { sqliteMembersStore } from '../src/storage/store.ts'
import type { MembersEnv } from '../src/domain/repositories.ts'
import { createMember } from '../src/domain/members.ts'
import type { MemberInput } from '../src/domain/schemas.ts'

/** A clock tests move by hand. */
export class TestClock {
  constructor(public now: Date) {}
  readonly fn = (): Date => this.now
  set(iso: string): void {
    this.now = new Date(iso)
  }
}

/** A real SQLite space database in a temp dir with the members schema, and an env over it. */
export function makeEnv(start = '2026-01-10T10:00:00Z'): { env: MembersEnv; db: Db; clock: TestClock; close(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'members-unit-'))
  const db = openDatabase(path.join(dir, 'space.sqlite'))
  migrate(db, [{ scope: 'members', migrations }])
  const clock = new TestClock(new Date(start))
  const env: MembersEnv = { store: sqliteMembersStore(db), clock: clock.fn, defaults: { associationName: 'Les Amis du Parc', timeZone: 'Europe/Paris' } }
  return { env, db, clock, close: () => { db.close(); fs.rmSync(dir, { recursive: true, force: true }) } }
}

let seq = 0
/** A member with plausible defaults; override what the test is about. */
export function buildMember(env: MembersEnv, overrides: Partial<MemberInput> = {}) {
  seq++
  return createMember(env, { firstName: `Alice${seq}`, lastName: `Martin${seq}`, email: `alice${seq}@example.org`, ...overrides })
}

/** The AppError a domain call throws; fails the test when it throws nothing or something else. */
export function errorOf(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected an error')
}

import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '@maison/config'
import { createRedis } from '@maison/queue'
import { createProvisionerModule, ensureStaffAdmin } from '../../apps/provisioner/src/index.ts'
import { StaffService } from '../../apps/provisioner/src/domain/staff.ts'
import { startPlatform, testRedisUrl, type TestPlatform } from './support.ts'

let t: TestPlatform
afterEach(async () => {
  await t.close()
})

describe('wiring for the server and npm start', () => {
  it('builds routers and workers from what startServer holds, with the limits of the configuration', async () => {
    t = await startPlatform()
    const redis = createRedis(testRedisUrl())
    const config = loadConfig({ DATA_DIR: t.dataDir, QUEUE_PREFIX: t.prefix, SPACE_MAX_ACCOUNTS: '12', SPACE_QUOTA: '2GB' })
    const m = createProvisionerModule({ config, logger: pino({ level: 'silent' }), parts: t.parts, queues: t.queues, redis, mail: t.mail, outbox: t.outbox })
    expect(m.routers).toHaveLength(4)
    expect(m.provisioner.options.defaults).toMatchObject({ maxAccounts: 12, quotaBytes: 2 * 1024 ** 3, adminUsername: 'admin' })
    const stop = await m.startWorkers()
    stop()
    redis.disconnect()
  })

  it('creates the staff admin once: a generated password shown once, or STAFF_PASSWORD', async () => {
    t = await startPlatform()
    const generated = await ensureStaffAdmin(t.parts.platformDb, undefined)
    expect(generated).toMatch(/^[\w-]{16}$/)
    expect(await ensureStaffAdmin(t.parts.platformDb, undefined)).toBeNull()
    const staff = new StaffService(t.p.repos.staff, t.p.repos.audit, () => new Date())
    expect((await staff.login('staff', generated!)).role).toBe('admin')
    await expect(staff.login('staff', 'wrong')).rejects.toThrow(/Wrong username or password/)

    const other = await startPlatform()
    try {
      expect(await ensureStaffAdmin(other.parts.platformDb, 'chosen-password')).toBeNull()
      expect((await new StaffService(other.p.repos.staff, other.p.repos.audit, () => new Date()).login('staff', 'chosen-password')).username).toBe('staff')
    } finally {
      await other.close()
    }
  })
})

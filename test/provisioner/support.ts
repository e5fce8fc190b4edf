import crypto from 'node:crypto'
import { inject } from 'vitest'
import { startPlatform as start, type TestPlatform } from './platform.ts'

export type { TestPlatform } from './platform.ts'

export function testRedisUrl(): string {
  try {
    return inject('redisUrl')
  } catch {
    const url = process.env.MAISON_TEST_REDIS_URL
    if (!url) throw new Error('no test Redis: run through vitest or set MAISON_TEST_REDIS_URL')
    return url
  }
}

/** The platform on the run's Redis. */
export function startPlatform(opts: Omit<Parameters<typeof start>[0], 'redisUrl'> & { redisUrl?: string } = {}): Promise<TestPlatform> {
  return start({ ...opts, redisUrl: opts.redisUrl ?? testRedisUrl() })
}

/** A valid application body; override any field. */
export function buildApplication(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = crypto.randomBytes(3).toString('hex')
  return {
    organisation: `Les Amis du Jardin ${n}`,
    slug: `jardin-${n}`,
    structureType: 'association_1901',
    sectors: ['environment', 'social'],
    purpose: 'We run a shared vegetable garden and teach children how to grow food in the city.',
    yearFounded: 2012,
    employees: 0,
    members: 40,
    beneficiaries: 120,
    budgetBand: 'under_10k',
    contactName: 'Camille Martin',
    contactEmail: `camille.${n}@example.org`,
    charterAccepted: true,
    language: 'fr',
    ...overrides,
  }
}

/** Polls until the predicate holds. */
export async function until<T>(fn: () => T | Promise<T>, timeoutMs = 15_000, label = 'condition'): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await fn()
    if (v) return v as Exclude<T, false | null | undefined | 0 | ''>
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

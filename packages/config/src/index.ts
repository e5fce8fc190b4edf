import path from 'node:path'
import { z } from 'zod'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const bytes = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB)?$/i, 'expected a size such as 40GB, 500MB or 1048576')
  .transform(parseSize)

/** Every environment variable Maison reads. The README's configuration table mirrors this. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  BASE_URL: z.url().optional(),
  BASE_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'expected a host name such as maison.example.org')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected redis://host:port').optional(),
  REDIS_PORT: z.coerce.number().int().min(1).max(65535).default(6380),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('maison'),
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  STAFF_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'expected smtp://user:pass@host:port').optional(),
  MAIL_FROM: z.string().default('Maison <no-reply@maison.localhost>'),
  MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  SPACE_MAX_ACCOUNTS: z.coerce.number().int().min(1).default(50),
  SPACE_QUOTA: bytes.default(40 * 1024 ** 3),
  SPACE_DB_MAX_OPEN: z.coerce.number().int().min(1).default(200),
  SPACE_DB_IDLE_SECONDS: z.coerce.number().int().min(1).default(300),
  TRASH_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  FILES_FSYNC: bool.default(false),
  DEFAULT_TIMEZONE: z.string().default('Europe/Paris'),
  EVENTS_PARTICIPANT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  TRUST_PROXY: bool.default(false),
  // Provisioner (apps/provisioner): queues, sweeps, review hints, job retention, fleet upgrade and statistics.
  PROVISION_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PROVISION_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  PROVISION_STALLED_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  PROVISION_MAX_STALLED: z.coerce.number().int().min(0).default(5),
  PROVISION_SWEEP_MS: z.coerce.number().int().min(100).default(60_000),
  PROVISION_SWEEP_STALE_MS: z.coerce.number().int().min(0).default(60_000),
  PROVISION_GRACE_DAYS: z.coerce.number().int().min(0).default(30),
  PROVISION_APPLY_PER_HOUR: z.coerce.number().int().min(1).default(5),
  PROVISION_WARN_EMPLOYEES: z.coerce.number().int().min(0).default(10),
  PROVISION_WARN_BUDGET_BAND: z.enum(['under_10k', '10k_50k', '50k_200k', '200k_1m', 'over_1m']).default('50k_200k'),
  PROVISION_WARN_MIN_MEMBERS: z.coerce.number().int().min(0).default(2),
  PROVISION_KEEP_COMPLETED_HOURS: z.coerce.number().int().min(0).default(24),
  PROVISION_KEEP_COMPLETED: z.coerce.number().int().min(0).default(2000),
  PROVISION_KEEP_FAILED_DAYS: z.coerce.number().int().min(0).default(30),
  PROVISION_KEEP_FAILED: z.coerce.number().int().min(0).default(10_000),
  PROVISION_UPGRADE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PROVISION_UPGRADE_MAX_FAILURES: z.coerce.number().int().min(1).default(10),
  PROVISION_STATS_INTERVAL_MINUTES: z.coerce.number().int().min(1).default(60),
  PROVISION_STATS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  PROVISION_IMPORT_MAX_BYTES: bytes.default(64 * 1024 ** 3),
  PROVISION_UPGRADE_LOCK_MS: z.coerce.number().int().min(1000).default(600_000),
})

export type Config = Readonly<
  Omit<z.infer<typeof schema>, 'SPACE_QUOTA' | 'BASE_URL'> & { SPACE_QUOTA: number; BASE_URL: string; DATA_DIR: string }
>

export class ConfigError extends Error {}

/**
 * Parses the environment once. Throws a ConfigError listing every invalid variable.
 * @throws ConfigError
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = schema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  const baseUrl = (c.BASE_URL ?? `http://${c.HOST.includes(':') ? `[${c.HOST}]` : c.HOST}:${c.PORT}`).replace(/\/$/, '')
  return Object.freeze({ ...c, BASE_URL: baseUrl, DATA_DIR: path.resolve(c.DATA_DIR) })
}

/** Parses "40GB", "500 MB" or a plain byte count (binary units). */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB)?$/i.exec(text.trim())
  if (!m) throw new ConfigError(`not a size: ${text}`)
  const units: Record<string, number> = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 }
  return Math.round(Number(m[1]) * units[(m[2] ?? 'B').toUpperCase()]!)
}

import type { Redis } from 'ioredis'
import type { Logger } from 'pino'
import type { SpaceContext } from '@maison/app-contract'
import type { Config } from '@maison/config'
import type { MailMessage } from '@maison/mail'
import type { ThrottleOptions } from '../auth/throttle.ts'
import type { InternalTokens } from '../auth/internalTokens.ts'

/** The files hooks the DAV engine implements for the accounts module. */
export interface AccountFilesHooks {
  /** Bytes used by an account's files. */
  usage(space: SpaceContext, username: string): number
  /** Deletes an account's files, or moves them to `{transferTo}/Transferred from {username}/`. */
  removeUserFiles(space: SpaceContext, username: string, mode: 'delete' | { transferTo: string }): Promise<void>
}

/** What the accounts router needs from the process. */
export interface AccountsDeps {
  config: Config
  /** An ioredis instance from @maison/queue createRedis (failed-login throttling). */
  redis: Redis
  /** Queues an e-mail; `msg.key` makes it idempotent. */
  sendMail(msg: MailMessage): Promise<void>
  clock: () => Date
  logger: Logger
  files: AccountFilesHooks
  /** The space's display name for e-mails and the invitation page; the slug when absent. */
  spaceName?: (space: SpaceContext) => string
  /** Overrides the failed-login delays (tests). */
  throttle?: ThrottleOptions
  /** Verifies the bearer tokens apps use to reach the DAV tree. */
  internalTokens: InternalTokens
}

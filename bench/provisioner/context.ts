/** What the provisioner bench hands to an optional extra stage (the fleet-upgrade figures, `--upgrade`). */
import type { RunningServer } from '@maison/workspace'
import type { Provisioner } from '@maison/provisioner'

export interface BenchContext {
  server: RunningServer
  provisioner: Provisioner
  /** Slugs of the spaces the run provisioned (all ready). */
  slugs: readonly string[]
  redisUrl: string
  quick: boolean
}

/** Figures an extra stage reports; printed and saved with the rest. */
export type StageFigures = Record<string, number | string>

/**
 * The module `bench/provisioner/upgrade.ts`, when it exists, exports this: it runs the fleet upgrade of
 * `ctx.slugs` (e.g. one added migration) and returns total time and the largest per-space downtime.
 */
export type UpgradeStage = (ctx: BenchContext) => Promise<StageFigures>

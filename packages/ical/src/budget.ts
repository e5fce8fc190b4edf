import { TooManyInstancesError } from './errors.ts'

export interface BudgetLimits {
  /** Recurrence instances generated, summed over every object evaluated with this budget. */
  maxInstances?: number
  /** Wall time in milliseconds from the budget's creation. */
  maxMillis?: number
  /** Monotonic clock in milliseconds; injectable so tests can move time. */
  now?: () => number
}

// Checking the clock on every instance would cost more than generating it.
const CLOCK_EVERY = 256

/** Bounds recurrence expansion for one request, so an endless FREQ=SECONDLY rule cannot hang a worker. */
export class ExpansionBudget {
  private used = 0
  private readonly maxInstances: number
  private readonly deadline: number
  private readonly now: () => number

  constructor(limits: BudgetLimits = {}) {
    this.maxInstances = limits.maxInstances ?? 50_000
    this.now = limits.now ?? (() => performance.now())
    this.deadline = this.now() + (limits.maxMillis ?? 1_000)
  }

  /** Counts one generated instance. @throws TooManyInstancesError past a limit */
  tick(): void {
    this.used++
    if (this.used > this.maxInstances) {
      throw new TooManyInstancesError(
        `Recurrence expansion stopped after ${this.maxInstances} instances; narrow the time range.`,
      )
    }
    if (this.used % CLOCK_EVERY === 0 && this.now() > this.deadline) {
      throw new TooManyInstancesError('Recurrence expansion took too long; narrow the time range.')
    }
  }

  /** Instances generated so far. */
  get count(): number {
    return this.used
  }
}

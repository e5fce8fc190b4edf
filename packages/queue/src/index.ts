import { Queue, Worker, QueueEvents, type Processor, type WorkerOptions, type JobsOptions } from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'

/** The only place that creates Redis connections. */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  // BullMQ workers block on Redis; they need maxRetriesPerRequest null to survive a Redis restart.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...opts })
}

/** Completed jobs are trimmed by age and count, failed ones kept longer for staff to see. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 14 * 24 * 3600, count: 5000 },
}

/** Owns every BullMQ queue, worker and event stream of the process, sharing one prefix. */
export class QueueRegistry {
  private readonly queues = new Map<string, Queue>()
  private readonly workers: Worker[] = []
  private readonly events: QueueEvents[] = []

  /**
   * `onError` hears connection errors of every queue, worker and event stream (e.g. while Redis restarts;
   * they reconnect by themselves). Without a listener, each error would be printed as "unhandled".
   */
  constructor(
    private readonly redisUrl: string,
    readonly prefix: string,
    private readonly onError: (err: Error, source: string) => void = () => {},
  ) {}

  private connection(): Redis {
    return createRedis(this.redisUrl)
  }

  queue(name: string): Queue {
    let q = this.queues.get(name)
    if (!q) {
      q = new Queue(name, { connection: this.connection(), prefix: this.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })
      q.on('error', (err) => this.onError(err, `queue ${name}`))
      this.queues.set(name, q)
    }
    return q
  }

  worker<D = unknown, R = unknown>(name: string, processor: Processor<D, R>, opts: Partial<WorkerOptions> = {}): Worker<D, R> {
    const w = new Worker<D, R>(name, processor, { connection: this.connection(), prefix: this.prefix, concurrency: 4, ...opts })
    w.on('error', (err) => this.onError(err, `worker ${name}`))
    this.workers.push(w as Worker)
    return w
  }

  queueEvents(name: string): QueueEvents {
    const e = new QueueEvents(name, { connection: this.connection(), prefix: this.prefix })
    e.on('error', (err) => this.onError(err, `events ${name}`))
    this.events.push(e)
    return e
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((w) => w.close()))
    await Promise.allSettled(this.events.map((e) => e.close()))
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()))
  }
}

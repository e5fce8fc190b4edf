import type { QueueRegistry } from '@maison/queue'

/** The anchor of the reminder run: `count` no-op jobs through BullMQ on the same Redis, added in bulk, until all completed. */
export async function noopJobLoop(queues: QueueRegistry, count: number, concurrency: number): Promise<number> {
  const name = `bench-noop-${Date.now()}`
  const queue = queues.queue(name)
  let done = 0
  let finish: () => void = () => {}
  const all = new Promise<void>((resolve) => (finish = resolve))
  const worker = queues.worker(name, async () => {
    if (++done === count) finish()
  }, { concurrency })
  const started = performance.now()
  for (let i = 0; i < count; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, count - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { jobId: `noop-${i + k}` } })))
  }
  await all
  const ms = performance.now() - started
  await worker.close()
  await queue.obliterate({ force: true })
  return ms
}

import { fork, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { serialize } from 'node:v8'
import { AppError, BadRequest, TooManyRequests, ValidationError } from '@maison/errors'
import { RenderCrashed, RenderTimeout } from '../domain/errors.ts'
import type { RenderOutput, RenderTask } from './task.ts'
import type { ChildReply } from './child.ts'
import { childEntry } from './child-build.ts'
import { removePhotoDirs } from './photo-store.ts'

export interface RenderPoolOptions {
  /** Render processes; renders are CPU-bound, so about one per core. */
  processes: number
  /** A render still running after this is stopped by killing its process. */
  timeoutMs: number
  /** Renders waiting for a process beyond this are refused at once. */
  maxQueue: number
  /** Heap cap per process; resvg's pixel buffers live outside it and are bounded by the pixel cap. */
  maxHeapMb: number
}

interface Job {
  id: number
  task: RenderTask
  resolve: (out: RenderOutput) => void
  reject: (e: Error) => void
  /** Render processes that died while running this job. */
  crashes: number
}

/** Fingerprints of tasks that killed two render processes, kept so that the same task fails at once. */
const POISON_KEPT = 256

const CRASHED_MESSAGE = 'This design could not be drawn: the renderer stopped on it twice. An element lying far outside the ' +
  'canvas with transparency, a clip, a mask or a filter can cause this; move or remove it and try again.'

interface Slot {
  child: ChildProcess
  ready: boolean
  job: Job | null
  timer: NodeJS.Timeout | null
}

/**
 * Runs renders in child processes with a hard time limit. Processes rather than worker threads:
 * a thread busy inside resvg's native code cannot be interrupted, a process can be killed.
 * Processes start on the first render, so a host that never renders never pays for them.
 */
export class RenderPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false
  private readonly opts: RenderPoolOptions
  private entry: string | null = null
  private starting: Promise<void> | null = null
  private readonly poison = new Set<string>()

  constructor(opts: Partial<RenderPoolOptions> = {}) {
    this.opts = { processes: 2, timeoutMs: 10_000, maxQueue: 32, maxHeapMb: 256, ...opts }
  }

  /** Starts the render processes now rather than on the first render (benchmarks, warm-up). */
  start(): Promise<void> {
    this.starting ??= childEntry().then((entry) => {
      this.entry = entry
      removePhotoDirs()
      if (this.closed) return
      for (let i = 0; i < this.opts.processes; i++) this.slots.push(this.spawn())
      this.holdOpen()
      this.pump()
    })
    return this.starting
  }

  /**
   * Renders a task to bytes.
   * @throws RenderTimeout past the time limit; TooManyRequests when the queue is full; the render's own AppError otherwise
   */
  run(task: RenderTask): Promise<Buffer> {
    return this.runWithReport(task).then((out) => out.bytes)
  }

  /**
   * As `run`, also answering how the texts were fitted when the task asks for a report.
   * @throws as `run`
   */
  runWithReport(task: RenderTask): Promise<RenderOutput> {
    if (this.closed) return Promise.reject(new AppError('The render pool is closed.'))
    if (this.queue.length >= this.opts.maxQueue) {
      return Promise.reject(new TooManyRequests('Too many renders are waiting; try again in a few seconds.', { headers: { 'Retry-After': '5' } }))
    }
    // Hashing a task costs a little; only once some task has killed the renderer is there anything to look up.
    if (this.poison.size > 0 && this.poison.has(fingerprint(task))) return Promise.reject(new RenderCrashed(CRASHED_MESSAGE))
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject, crashes: 0 })
      this.holdOpen()
      this.pump()
      this.start().catch(reject)
    })
  }

  /** Stops every render process; pending renders fail. */
  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.reject(new AppError('The render pool closed.'))
    await Promise.all(this.slots.map((s) => {
      s.job?.reject(new AppError('The render pool closed.'))
      if (s.timer) clearTimeout(s.timer)
      return kill(s.child)
    }))
  }

  private spawn(): Slot {
    const child = fork(this.entry!, [], {
      serialization: 'advanced',
      execArgv: [`--max-old-space-size=${this.opts.maxHeapMb}`],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    const slot: Slot = { child, ready: false, job: null, timer: null }
    child.on('message', (reply: ChildReply) => {
      if ('ready' in reply) {
        slot.ready = true
        this.pump()
      } else this.settle(slot, reply)
    })
    child.on('exit', () => {
      // A process killed in the middle of a render cannot remove its prepared photos itself.
      if (child.pid !== undefined) removePhotoDirs(child.pid)
      if (this.slots.includes(slot)) this.crashed(slot)
    })
    // An idle pool must not keep the process alive.
    child.unref()
    child.channel?.unref()
    return slot
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || this.queue.length === 0) continue
      const job = this.queue.shift()!
      slot.job = job
      slot.timer = setTimeout(() => this.replace(slot, new RenderTimeout(`The render took longer than ${this.opts.timeoutMs / 1000} s and was stopped.`)), this.opts.timeoutMs)
      slot.child.send({ id: job.id, task: job.task })
    }
  }

  private settle(slot: Slot, reply: Exclude<ChildReply, { ready: true }>): void {
    const job = slot.job
    if (!job || job.id !== reply.id) {
      // A reply that came after its render was given up: nobody reads its output.
      if (reply.ok && 'file' in reply) fs.rmSync(reply.file, { force: true })
      return
    }
    if (slot.timer) clearTimeout(slot.timer)
    slot.job = null
    slot.timer = null
    if (reply.ok && 'file' in reply) {
      try {
        job.resolve({ bytes: fs.readFileSync(reply.file), fits: reply.fits })
      } catch (err) {
        job.reject(new AppError('The render output could not be read.', { cause: err }))
      }
      fs.rmSync(reply.file, { force: true })
    } else if (reply.ok) job.resolve({ bytes: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength), fits: reply.fits })
    else job.reject(rebuild(reply.error))
    this.pump()
    this.holdOpen()
  }

  // Channels are referenced only while renders are pending, so an idle pool never keeps the process alive.
  private holdOpen(): void {
    const busy = this.queue.length > 0 || this.slots.some((s) => s.job)
    for (const s of this.slots) {
      if (busy) s.child.channel?.ref()
      else s.child.channel?.unref()
    }
  }

  /**
   * A render process died by itself. Its job runs once more on a fresh process (the death may have been the machine's
   * doing); a job that kills a second process is refused as undrawable, and so is the same task later, at once.
   */
  private crashed(slot: Slot): void {
    const job = slot.job
    if (job && !this.closed) {
      slot.job = null
      if (++job.crashes < 2) this.queue.unshift(job)
      else {
        if (this.poison.size >= POISON_KEPT) this.poison.delete(this.poison.values().next().value!)
        this.poison.add(fingerprint(job.task))
        job.reject(new RenderCrashed(CRASHED_MESSAGE))
      }
    }
    this.replace(slot, new AppError('The renderer stopped unexpectedly.'))
  }

  private replace(slot: Slot, error: Error): void {
    if (slot.timer) clearTimeout(slot.timer)
    slot.job?.reject(error)
    slot.job = null
    const index = this.slots.indexOf(slot)
    if (index >= 0) this.slots.splice(index, 1)
    void kill(slot.child)
    if (this.closed) return
    this.slots.push(this.spawn())
    this.holdOpen()
    this.pump()
  }
}

function fingerprint(task: RenderTask): string {
  return createHash('sha256').update(serialize(task)).digest('base64url')
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

// Errors cross the process boundary as plain data; give them back their class so HTTP maps them the same.
function rebuild(e: Extract<ChildReply, { ok: false }>['error']): AppError {
  if (e.status === 400 && e.code === 'validation_failed') return new ValidationError(e.message, { errors: e.errors })
  if (e.status >= 400 && e.status < 500) return Object.assign(new BadRequest(e.message, { errors: e.errors }), { status: e.status, code: e.code })
  return new AppError(e.message)
}

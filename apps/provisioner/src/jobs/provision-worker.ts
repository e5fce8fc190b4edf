import { UnrecoverableError, type Job } from 'bullmq'
import { AppError } from '@maison/errors'
import { PROVISION_STEPS, type Provisioning, type ProvisionStep } from '../domain/provisioning.ts'
import { recordedStep, type ProvisionJobData } from './queues.ts'

/** AppErrors below 500 (a name held by someone else, every host full) won't get better by retrying. */
function classify(err: unknown): Error {
  if (err instanceof AppError && err.status < 500) return new UnrecoverableError(`${err.code}: ${err.message}`)
  return err instanceof Error ? err : new Error(String(err))
}

/** The provisioning job: runs the steps from the one recorded last, reporting progress. */
export function provisionProcessor(provisioning: Provisioning, opts: { resume: boolean } = { resume: true }) {
  return async (job: Job<ProvisionJobData>): Promise<{ slug: string }> => {
    let app
    try {
      app = provisioning.begin(job.data.applicationId)
    } catch (err) {
      throw classify(err)
    }
    if (app.status === 'ready') return { slug: app.slug }
    // resume=false is the crash test's control run: every retry starts over, as code without step records would.
    const from = opts.resume ? Math.max(0, PROVISION_STEPS.indexOf((recordedStep(job) ?? 'reserve') as ProvisionStep)) : 0
    for (let i = from; i < PROVISION_STEPS.length; i++) {
      const step = PROVISION_STEPS[i]!
      // Recorded before running: a retry re-runs this step, which is safe because every step is idempotent.
      // The progress is both what the console shows and where a retry resumes: one Redis write per step.
      await job.updateProgress({ step, percent: Math.round((i / (PROVISION_STEPS.length - 1)) * 100) })
      try {
        await provisioning.run(step, app)
      } catch (err) {
        const e = classify(err)
        if (!(e instanceof UnrecoverableError)) provisioning.noteError(app.id, `${step}: ${e.message}`)
        throw e
      }
    }
    return { slug: app.slug }
  }
}

/** Marks the application failed once BullMQ gives up, so staff see it with its error. */
export function onProvisionFailed(provisioning: Provisioning) {
  return (job: Job<ProvisionJobData> | undefined, err: Error): void => {
    if (!job) return
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
    if (final) provisioning.fail(job.data.applicationId, `${recordedStep(job) ?? 'start'}: ${err.message}`)
  }
}

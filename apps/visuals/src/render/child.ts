import fs from 'node:fs'
import path from 'node:path'
import { AppError } from '@maison/errors'
import { createPhotoDir } from './photo-store.ts'
import { runRenderTask, type FitReport, type RenderTask } from './task.ts'
import { preloadEncoders } from './rasterize.ts'
import { FONT_FAMILIES } from '../domain/fonts.ts'
import { fontkitMeasurer } from '../domain/measure.ts'

/** What a render process answers for one task: small outputs inline, large ones in a file the pool reads and removes. */
export type ChildReply =
  | { id: number; ok: true; bytes: Uint8Array; fits?: FitReport[] }
  | { id: number; ok: true; file: string; fits?: FitReport[] }
  | { id: number; ok: false; error: { message: string; status: number; code: string; errors?: { path: string; message: string }[] } }
  | { ready: true }

// Serialising a 1.8 MB PNG through the IPC channel cost 10–14 ms of wall time (bench/visuals/ipc-costs.ts); a file in
// this process's temporary folder costs two copies in the page cache. Small outputs go inline.
const INLINE_MAX = 256 * 1024
let outputs: string | null = null

function writeOutput(id: number, bytes: Buffer): string {
  outputs ??= createPhotoDir()
  const file = path.join(outputs, `out-${id}.bin`)
  fs.writeFileSync(file, bytes)
  return file
}

/** Serves render tasks sent by the pool over IPC, one at a time. */
export function serve(): void {
  process.on('message', async ({ id, task }: { id: number; task: RenderTask }) => {
    let reply: ChildReply
    try {
      const out = await runRenderTask(task)
      reply = out.bytes.length > INLINE_MAX ? { id, ok: true, file: writeOutput(id, out.bytes), fits: out.fits } : { id, ok: true, bytes: out.bytes, fits: out.fits }
    } catch (err) {
      const e = err instanceof AppError ? err : null
      reply = { id, ok: false, error: { message: e ? e.message : String((err as Error)?.message ?? err), status: e?.status ?? 500, code: e?.code ?? 'render_failed', errors: e?.errors } }
    }
    process.send!(reply)
  })
  // The pool owns this process: when it goes, so do we.
  process.on('disconnect', () => process.exit(0))
  if (!process.connected) process.exit(0)
  // Loading every font before the first task keeps start-up out of the render time limit.
  for (const family of Object.values(FONT_FAMILIES)) for (const face of family.faces) fontkitMeasurer.width('Éé', face, 10)
  process.send!({ ready: true })
  // Image renders can start at once; PDF and JPEG encoders load while the process waits for work.
  void preloadEncoders()
}

import { onBeforeUnmount, ref } from 'vue'
import { renderStatus, requestRender, type OutputType, type RenderInput } from '../services/api.ts'
import type { RenderStatus } from '../types/api.ts'

// Mirrors HEAVY_PIXELS on the server: past this the export goes through a job, with progress shown.
const HEAVY_PIXELS = 4_000_000
// A render takes a fraction of a second to a few seconds: poll often enough for the bar to move.
const POLL_MS = 400

/** Whether an export is heavy (a PDF, or an image past 4 MP) and so runs as a job. */
export function isHeavyExport(type: OutputType, width: number, height: number, scale: number): boolean {
  return type === 'pdf' || Math.round(width * scale) * Math.round(height * scale) > HEAVY_PIXELS
}

/** Runs a render job to its end, exposing its progress (0–100) while it runs. */
export function useRenderJob() {
  const progress = ref<number | null>(null)
  let stopped = false
  onBeforeUnmount(() => {
    stopped = true
  })

  /** @throws an Error carrying the render's own message when the job failed */
  async function run(input: RenderInput, type: OutputType, scale: number): Promise<RenderStatus> {
    progress.value = 0
    try {
      let status = await requestRender(input, type, scale)
      while (status.status === 'queued' || status.status === 'running') {
        progress.value = status.progress
        await new Promise((r) => setTimeout(r, POLL_MS))
        if (stopped) throw new Error('stopped')
        status = await renderStatus(status.id)
      }
      if (status.status === 'failed') throw new Error(status.error?.message ?? 'The render failed.')
      progress.value = 100
      return status
    } finally {
      progress.value = null
    }
  }

  return { progress, run }
}

import { onBeforeUnmount, ref, watch, type WatchSource } from 'vue'
import { problemOf } from '@maison/ui-shell'
import { preview, type RenderInput } from '../services/api.ts'
import type { PreviewAnswer } from '../types/api.ts'

// Long enough to skip the renders of a word being typed, short enough to feel live.
const DEBOUNCE_MS = 250

/** A live preview of `input`: re-rendered (small PNG) shortly after each change; stale answers are dropped. */
export function usePreview(input: WatchSource<RenderInput | null>, maxSide: number) {
  const current = ref<PreviewAnswer | null>(null)
  const loading = ref(false)
  const problem = ref<{ status: number; detail: string | null; errors: { path: string; message: string }[] } | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null

  async function refresh(value: RenderInput) {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    try {
      current.value = await preview(value, maxSide, mine.signal)
      problem.value = null
    } catch (err) {
      if (mine.signal.aborted) return
      problem.value = problemOf(err)
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  watch(input, (value) => {
    clearTimeout(timer)
    if (value) timer = setTimeout(() => refresh(value), DEBOUNCE_MS)
  }, { deep: true, immediate: true })

  onBeforeUnmount(() => {
    clearTimeout(timer)
    controller?.abort()
  })

  return { current, loading, problem }
}

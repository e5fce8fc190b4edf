import { onBeforeUnmount, onMounted } from 'vue'

/** Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo, anywhere in the editor (text fields included: their history is ours). */
export function useUndoKeys(undo: () => void, redo: () => void): void {
  const onKey = (e: KeyboardEvent) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return
    const key = e.key.toLowerCase()
    if (key === 'z' && !e.shiftKey) undo()
    else if ((key === 'z' && e.shiftKey) || key === 'y') redo()
    else return
    e.preventDefault()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}

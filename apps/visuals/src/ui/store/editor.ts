import { defineStore } from 'pinia'
import type { FieldValue, TemplateInfo } from '../types/api.ts'

interface Snapshot {
  size: string
  fields: Record<string, FieldValue>
}

// Keystrokes in one field within this time make one undo step, as in a text editor.
const COALESCE_MS = 1200
const MAX_HISTORY = 100

/** The visual being edited: template, size, field values, and its undo/redo history. */
export const useEditorStore = defineStore('visuals-editor', {
  state: () => ({
    template: null as TemplateInfo | null,
    size: '',
    fields: {} as Record<string, FieldValue>,
    past: [] as Snapshot[],
    future: [] as Snapshot[],
    lastKey: '',
    lastAt: 0,
  }),
  getters: {
    canUndo: (s) => s.past.length > 0,
    canRedo: (s) => s.future.length > 0,
  },
  actions: {
    /** Starts editing `template` with its defaults overridden by `values`; history starts empty. */
    open(template: TemplateInfo, values: Record<string, FieldValue> = {}, size?: string) {
      this.template = template
      this.size = size && template.sizes.some((s) => s.id === size) ? size : template.sizes[0]!.id
      const fields: Record<string, FieldValue> = {}
      for (const f of template.fields) if (f.default !== undefined) fields[f.id] = f.default
      this.fields = { ...fields, ...values }
      this.past = []
      this.future = []
      this.lastKey = ''
    },
    /** Sets one field; rapid changes of the same field merge into one undo step. */
    set(id: string, value: FieldValue, now = Date.now()) {
      this.record(`field:${id}`, now)
      this.fields = { ...this.fields, [id]: value }
    },
    setSize(size: string, now = Date.now()) {
      if (size === this.size) return
      this.record('size', now)
      this.size = size
    },
    undo() {
      const prev = this.past.pop()
      if (!prev) return
      this.future.push(this.snapshot())
      this.restore(prev)
    },
    redo() {
      const next = this.future.pop()
      if (!next) return
      this.past.push(this.snapshot())
      this.restore(next)
    },
    snapshot(): Snapshot {
      return { size: this.size, fields: { ...this.fields } }
    },
    restore(s: Snapshot) {
      this.size = s.size
      this.fields = { ...s.fields }
      this.lastKey = ''
    },
    record(key: string, now: number) {
      if (!(key === this.lastKey && now - this.lastAt < COALESCE_MS)) {
        this.past.push(this.snapshot())
        if (this.past.length > MAX_HISTORY) this.past.shift()
      }
      this.future = []
      this.lastKey = key
      this.lastAt = now
    },
  },
})

import { defineStore } from 'pinia'
import { ref } from 'vue'
import * as api from '../services/api.ts'
import type { TrashItem } from '../types/api.ts'

/** The account's trash. */
export const useTrashStore = defineStore('trash', () => {
  const items = ref<TrashItem[]>([])
  const loading = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    try {
      items.value = (await api.listTrash()).sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
    } finally {
      loading.value = false
    }
  }

  async function restore(item: TrashItem): Promise<void> {
    await api.restoreTrashItem(item.id)
    items.value = items.value.filter((i) => i.id !== item.id)
  }

  async function destroy(item: TrashItem): Promise<void> {
    await api.deleteTrashItem(item.id)
    items.value = items.value.filter((i) => i.id !== item.id)
  }

  async function empty(): Promise<void> {
    await api.emptyTrash()
    items.value = []
  }

  return { items, loading, load, restore, destroy, empty }
})

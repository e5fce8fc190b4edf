import { defineStore } from 'pinia'
import { ref } from 'vue'
import { getMe } from '../services/api.ts'

/** The account's storage use, refreshed after every change to the files. */
export const useQuotaStore = defineStore('quota', () => {
  const used = ref<number | null>(null)
  const total = ref<number | null>(null)

  async function refresh(): Promise<void> {
    try {
      const me = await getMe()
      used.value = me.quota.used
      total.value = me.quota.total
    } catch {
      // The bar is informative; the file list shows its own errors.
    }
  }

  return { used, total, refresh }
})

import { ref } from 'vue'
import { showError, showSuccess } from '@nextcloud/dialogs'
import { apiErrorMessage } from '../services/apiErrors.ts'

/** Runs a save action with a busy flag, a success toast and the API's error message on failure. */
export function useSaving() {
  const busy = ref(false)
  async function save(action: () => Promise<unknown>, success?: string): Promise<boolean> {
    busy.value = true
    try {
      await action()
      if (success) showSuccess(success)
      return true
    } catch (err) {
      showError(apiErrorMessage(err))
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, save }
}

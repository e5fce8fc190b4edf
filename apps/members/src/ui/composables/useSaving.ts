import { ref } from 'vue'
import { showError, showSuccess } from '@nextcloud/dialogs'
import { apiErrorMessage } from '../services/errors.ts'

/** Runs a save action with a busy flag, a success toast and the API's error message on failure. */
export function useSaving() {
  const busy = ref(false)
  const error = ref('')
  async function save(action: () => Promise<unknown>, success?: string): Promise<boolean> {
    busy.value = true
    error.value = ''
    try {
      await action()
      if (success) showSuccess(success)
      return true
    } catch (err) {
      error.value = apiErrorMessage(err)
      showError(error.value)
      return false
    } finally {
      busy.value = false
    }
  }
  return { busy, error, save }
}

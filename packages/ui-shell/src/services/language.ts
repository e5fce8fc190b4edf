import axios from '@nextcloud/axios'
import { shellState, spacePath } from '../state.ts'
import type { Language } from '../types.ts'

/** Saves the language (on the account when logged in, else in a cookie) and reloads so the server renders it. */
export async function switchLanguage(language: Language): Promise<void> {
  if (shellState().user) {
    await axios.patch(spacePath('/api/v1/me'), { language })
  } else {
    await axios.patch(spacePath('/api/v1/language'), { language })
  }
  window.location.reload()
}

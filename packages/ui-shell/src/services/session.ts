import axios from '@nextcloud/axios'
import { spacePath } from '../state.ts'

/** Ends the browser session and goes to the login page. */
export async function logout(): Promise<void> {
  try {
    await axios.delete(spacePath('/api/v1/session'))
  } finally {
    window.location.assign(spacePath('/login'))
  }
}

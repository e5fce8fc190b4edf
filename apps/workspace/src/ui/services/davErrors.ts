import { t } from '@maison/ui-shell'
import { davStatus } from './dav.ts'

/** A sentence for a failed file operation, from the DAV status. */
export function davErrorMessage(error: unknown): string {
  switch (davStatus(error)) {
    case 0: return t('maison', 'The server could not be reached. Check your connection and try again.')
    case 401: return t('maison', 'Your session has expired. Please log in again.')
    case 403: return t('maison', 'You are not allowed to change this folder.')
    case 404: return t('maison', 'This item no longer exists. The list has been refreshed.')
    case 405: case 412: return t('maison', 'An item with this name already exists here.')
    case 409: return t('maison', 'The destination folder no longer exists.')
    case 413: return t('maison', 'This file is too large.')
    case 423: return t('maison', 'This item is locked by another program.')
    case 507: return t('maison', 'Not enough storage space left.')
    default: return t('maison', 'Something went wrong. Please try again.')
  }
}

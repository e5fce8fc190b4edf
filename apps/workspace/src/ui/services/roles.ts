import { t } from '@maison/ui-shell'
import type { Role } from '../types/api.ts'

/** The roles as choices for a select, in the page language. */
export function roleOptions(): Array<{ id: Role; label: string }> {
  return [
    { id: 'member', label: t('maison', 'Member') },
    { id: 'admin', label: t('maison', 'Administrator') },
  ]
}

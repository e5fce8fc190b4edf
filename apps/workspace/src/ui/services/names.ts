import { t } from '@maison/ui-shell'
import type { nameProblem } from './paths.ts'

/** The sentence shown for a refused file or folder name. */
export function nameProblemMessage(problem: NonNullable<ReturnType<typeof nameProblem>>): string {
  switch (problem) {
    case 'empty': return t('maison', 'Enter a name.')
    case 'slash': return t('maison', 'A name cannot contain a slash.')
    case 'dots': return t('maison', 'A name cannot be "." or "..".')
    case 'too-long': return t('maison', 'This name is too long.')
  }
}

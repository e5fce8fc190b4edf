import { t } from '@maison/ui-shell'

/** Names of the formats, as people call them. */
export function sizeName(id: string): string {
  const names: Record<string, string> = {
    square: t('visuals', 'Square post'),
    portrait: t('visuals', 'Portrait post'),
    story: t('visuals', 'Story'),
    banner: t('visuals', 'Banner'),
    a4: t('visuals', 'A4 poster'),
    a3: t('visuals', 'A3 poster'),
    card: t('visuals', 'Member card'),
  }
  return names[id] ?? id
}

/** Names of the palette roles, used when the association gave a colour no name. */
export function roleName(role: string): string {
  const names: Record<string, string> = {
    primary: t('visuals', 'Main colour'),
    secondary: t('visuals', 'Second colour'),
    accent: t('visuals', 'Accent'),
    dark: t('visuals', 'Dark'),
    light: t('visuals', 'Light'),
  }
  return names[role] ?? role
}

/** The message to show for a failed API call. */
export function errorText(problem: { status: number; detail: string | null }): string {
  if (problem.status === 0) return t('visuals', 'The server cannot be reached. Check your connection and try again.')
  return problem.detail ?? t('visuals', 'Something went wrong. Try again.')
}

/** The colour a calendar gets when nobody chose one (Nextcloud's default blue). */
export const DEFAULT_COLOR = '#0082c9'

const NAME_MAX = 200

/** Why a calendar name would be refused by the server, or null when it is fine. */
export function calendarNameProblem(name: string): 'empty' | 'too-long' | null {
  const trimmed = name.trim()
  if (!trimmed) return 'empty'
  if (trimmed.length > NAME_MAX) return 'too-long'
  return null
}

/** The `#rrggbb` a native colour input accepts for a stored colour (which may carry alpha, or be missing). */
export function colorInputValue(color: string | null | undefined): string {
  const m = /^#([0-9a-fA-F]{6})([0-9a-fA-F]{2})?$/.exec(color ?? '')
  return m ? `#${m[1]!.toLowerCase()}` : DEFAULT_COLOR
}

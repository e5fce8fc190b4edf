import { readFileSync } from 'node:fs'

export type Language = 'en' | 'fr'

let french: Record<string, string> | undefined

function catalogue(): Record<string, string> {
  // Read once: the catalogue only changes with a deploy.
  french ??= JSON.parse(readFileSync(new URL('../../l10n/fr.json', import.meta.url), 'utf8')).translations
  return french!
}

/** Translates a server-rendered string with the same catalogue as the front end; `{name}` placeholders are filled. */
export function translate(language: Language, text: string, vars: Record<string, string> = {}): string {
  const message = language === 'fr' ? (catalogue()[text] ?? text) : text
  return message.replace(/{(\w+)}/g, (match, key: string) => vars[key] ?? match)
}

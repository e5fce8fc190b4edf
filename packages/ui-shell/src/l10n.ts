import { getLanguage, register, translate, translatePlural } from '@nextcloud/l10n'

/** A gettext-style catalogue as stored in `l10n/{lang}.json` (Nextcloud's format). */
export interface Catalogue {
  translations: Record<string, string | string[]>
  pluralForm?: string
}

type Vars = Record<string, string | number>

// Vue escapes interpolated text itself; letting @nextcloud/l10n escape too would show "l&#39;été" for "l'été".
const RAW = { escape: false, sanitize: false } as const

/** Registers an app's catalogue for the page language; English needs none (msgids are English). */
export function registerCatalogue(appId: string, catalogues: Partial<Record<string, Catalogue>>): void {
  const catalogue = catalogues[getLanguage()]
  if (catalogue) register(appId, catalogue.translations)
}

/** Translates `text` of `app`, filling `{name}` placeholders, without HTML escaping (for Vue templates and attributes). */
export function t(app: string, text: string, vars?: Vars): string {
  // The library's placeholder typing only works on literal msgids; ours are checked by the catalogue test.
  return translate(app, text, (vars ?? {}) as never, undefined as never, RAW)
}

/** Plural form of `t`: `%n` is the count. */
export function n(app: string, singular: string, plural: string, count: number, vars?: Vars): string {
  return translatePlural(app, singular, plural, count, (vars ?? {}) as never, RAW)
}

import { fileURLToPath } from 'node:url'
import { loadMessageCatalogue, SHARED_MESSAGES } from '@maison/errors'

// The domain keeps one language so logs and the API stay greppable; the console shows its messages in the reader's.
const catalogue = loadMessageCatalogue([SHARED_MESSAGES, fileURLToPath(new URL('../../../l10n/errors-fr.json', import.meta.url))])

/** The message in the console's language (unchanged in English, or when no translation is known). */
export function translateMessage(message: string, lang: 'en' | 'fr'): string {
  return catalogue.translate(message, lang)
}

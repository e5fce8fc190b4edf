import { CONSOLE_TEXTS } from './texts.ts'

/**
 * French for the messages the domain throws (in English) and the console shows after a form.
 * The domain keeps one language so logs and the API stay greppable; the console translates.
 */
const st = (s: string) => (s === 'already approved' ? 'déjà acceptée' : CONSOLE_TEXTS.fr.statuses[s] ?? s)

const FR: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Application (\d+) is (.+); it can't be approved now\.$/, (m) => `La demande n° ${m[1]} est ${st(m[2]!)} ; elle ne peut pas être acceptée maintenant.`],
  [/^Application (\d+) is (.+); it can't be rejected now\.$/, (m) => `La demande n° ${m[1]} est ${st(m[2]!)} ; elle ne peut pas être refusée maintenant.`],
  [/^Application (\d+) is (.+); no question can be asked now\.$/, (m) => `La demande n° ${m[1]} est ${st(m[2]!)} ; aucune question ne peut être posée maintenant.`],
  [/^Application (\d+) is (.+); only a failed provisioning can be retried\.$/, (m) => `La demande n° ${m[1]} est ${st(m[2]!)} ; seule une création en échec peut être relancée.`],
  [/^There is no application (\d+)\.$/, (m) => `Il n’y a pas de demande n° ${m[1]}.`],
  [/^There is no reject template "(.*)"\.$/, (m) => `Il n’y a pas de modèle de refus « ${m[1]} ».`],
  [/^Give a reason: choose a template or write one\.$/, () => 'Donnez un motif : choisissez un modèle ou écrivez-en un.'],
  [/^The reason is longer than 5,000 characters\.$/, () => 'Le motif dépasse 5 000 caractères.'],
  [/^Write a question of 5 to 5,000 characters\.$/, () => 'Écrivez une question de 5 à 5 000 caractères.'],
  [/^Write a note of 1 to 5,000 characters\.$/, () => 'Écrivez une note de 1 à 5 000 caractères.'],
  [/^Your role \((\w+)\) does not allow this action \((\w+)\)\.$/, (m) => `Votre rôle (${CONSOLE_TEXTS.fr.roles[m[1]!] ?? m[1]}) ne permet pas cette action (${m[2]}).`],
  [/^There is no space "(.*)"\.$/, (m) => `Il n’y a pas d’espace « ${m[1]} ».`],
  [/^A deleted space cannot be suspended; restore it first\.$/, () => 'Un espace supprimé ne peut pas être suspendu ; restaurez-le d’abord.'],
  [/^A deleted space cannot be resumed; restore it instead\.$/, () => 'Un espace supprimé ne peut pas être réactivé ; restaurez-le plutôt.'],
  [/^This space was purged; it can no longer be restored\.$/, () => 'Cet espace a été purgé ; il ne peut plus être restauré.'],
  [/^The template is not valid: (.*)$/, (m) => `Le modèle n’est pas valide : ${m[1]!
    .replace(/(\w+) must be 2 to (\d+) characters of a–z, 0–9 and _\./g, '$1 doit compter de 2 à $2 caractères parmi a–z, 0–9 et _.')
    .replace(/(\w+) must be 1 to (\d+) characters\./g, '$1 doit compter de 1 à $2 caractères.')}`],
  [/^Upgrade (\d+) is still running\.$/, (m) => `La mise à jour n° ${m[1]} est encore en cours.`],
  [/^Upgrade (\d+) has no failed or remaining space to retry\.$/, (m) => `La mise à jour n° ${m[1]} n’a aucun espace en échec ou restant à reprendre.`],
  [/^Another upgrade is running; retry once it has ended\.$/, () => 'Une autre mise à jour est en cours ; réessayez quand elle sera terminée.'],
  [/^Another upgrade just ended; start again\.$/, () => 'Une autre mise à jour vient de se terminer ; relancez.'],
  [/^There is no upgrade (\d+)\.$/, (m) => `Il n’y a pas de mise à jour n° ${m[1]}.`],
  [/^The (query|path|body|request) is not valid: (.*)$/, (m) => `${{ query: 'La requête', path: 'L’adresse', body: 'Le formulaire', request: 'La requête' }[m[1]!]} n’est pas valide : ${m[2]}`],
]

/** The message in the console's language (unchanged in English, or when no translation is known). */
export function translateMessage(message: string, lang: 'en' | 'fr'): string {
  if (lang === 'en') return message
  for (const [re, fr] of FR) {
    const m = re.exec(message)
    if (m) return fr(m)
  }
  return message
}

export type { ShellState, ShellSpace, ShellUser, ShellApp, ShellPage, Language, NavigationItem } from './types.ts'
export { shellState, spacePath } from './state.ts'
export { t, n, registerCatalogue, type Catalogue } from './l10n.ts'
export { problemOf, problemMessage, type ProblemInfo, type ProblemTexts } from './problem.ts'
export { switchLanguage } from './services/language.ts'
export { logout } from './services/session.ts'
export { startApp, type StartOptions } from './mount.ts'
// MaisonFrame is imported from '@maison/ui-shell/frame' so that pages can load it lazily.
export { default as MaisonGuestFrame } from './components/MaisonGuestFrame.vue'

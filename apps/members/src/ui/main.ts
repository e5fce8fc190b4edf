import { startApp } from '@maison/ui-shell'
import App from './App.vue'
import { createMembersRouter } from './router.ts'
import fr from '../../l10n/fr.json'

startApp(App, { appId: 'members', catalogues: { fr }, router: createMembersRouter() })

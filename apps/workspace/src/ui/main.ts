import { startApp } from '@maison/ui-shell'
import App from './App.vue'
import { createShellRouter } from './router.ts'
import fr from '../../l10n/fr.json'

startApp(App, { appId: 'maison', catalogues: { fr }, router: createShellRouter() })

import { startApp } from '@maison/ui-shell'
import App from './App.vue'
import { createVisualsRouter } from './router.ts'
import fr from '../../l10n/fr.json'

startApp(App, { appId: 'visuals', catalogues: { fr }, router: createVisualsRouter() })

import { startApp } from '@maison/ui-shell'
import App from './App.vue'
import { createEventsRouter } from './router.ts'
import fr from '../../l10n/fr.json'

startApp(App, { appId: 'events', catalogues: { fr }, router: createEventsRouter() })

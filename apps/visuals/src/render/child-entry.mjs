// Fallback entry when the bundle cannot be built: register tsx, then load the TypeScript entry.
import { register } from 'tsx/esm/api'

register()
await import('./child-serve.ts')

// Render processes start without the parent's TypeScript loader; register tsx, then load the real module.
import { register } from 'tsx/esm/api'

register()
const { serve } = await import('./child.ts')
serve()

// Entry of a render process (bundled to plain JS by child-build.ts).
import { serve } from './child.ts'

serve()

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const SRC = fileURLToPath(new URL('./child-serve.ts', import.meta.url))
/**
 * Two levels below apps/visuals, like src/domain, so that paths the modules compute from their own
 * URL (fonts, templates) resolve the same in the bundle as in the sources. `dist/` is git-ignored.
 */
export const CHILD_BUNDLE = fileURLToPath(new URL('../../dist/render/child.mjs', import.meta.url))
const META = `${CHILD_BUNDLE}.inputs.json`
const TSX_ENTRY = fileURLToPath(new URL('./child-entry.mjs', import.meta.url))

let pending: Promise<string> | null = null

/**
 * The script a render process runs: plain JS bundled from the TypeScript sources with esbuild (about
 * 0.1 s, once per source change), so a process starts in a fraction of a second instead of loading
 * tsx and compiling every module. Falls back to the tsx entry when esbuild is not installed.
 */
export function childEntry(): Promise<string> {
  pending ??= (isFresh() ? Promise.resolve(CHILD_BUNDLE) : build()).catch(() => TSX_ENTRY)
  return pending
}

function isFresh(): boolean {
  try {
    const built = fs.statSync(CHILD_BUNDLE).mtimeMs
    const inputs = JSON.parse(fs.readFileSync(META, 'utf8')) as string[]
    return inputs.every((f) => fs.statSync(f).mtimeMs <= built)
  } catch {
    return false
  }
}

async function build(): Promise<string> {
  const esbuild = await import('esbuild')
  const root = path.resolve(path.dirname(SRC), '../../../..')
  const result = await esbuild.build({
    entryPoints: [SRC],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    metafile: true,
    absWorkingDir: root,
    plugins: [{
      // Our own packages are TypeScript sources and must be bundled; everything from npm loads as usual.
      name: 'externals',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@maison/') ? undefined : { path: args.path, external: true }))
      },
    }],
  })
  const code = result.outputFiles[0]!.text
  const inputs = Object.keys(result.metafile.inputs).map((f) => path.resolve(root, f))
  fs.mkdirSync(path.dirname(CHILD_BUNDLE), { recursive: true })
  // Several processes may build at once (test workers): each writes its own file, the rename is atomic.
  const tmp = `${CHILD_BUNDLE}.${process.pid}.tmp`
  fs.writeFileSync(tmp, code)
  fs.writeFileSync(`${META}.${process.pid}.tmp`, JSON.stringify(inputs))
  fs.renameSync(tmp, CHILD_BUNDLE)
  fs.renameSync(`${META}.${process.pid}.tmp`, META)
  return CHILD_BUNDLE
}

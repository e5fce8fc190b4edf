/**
 * Builds serve-ours.ts (and everything of ours it loads) into one plain JS file with esbuild, so the DAV
 * bench can measure the server the way a production start from a bundle would run it: no tsx loader,
 * no source maps installed, no `__name(...)` wrapper around every named closure (tsx's keepNames).
 */
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Plugin } from 'esbuild'

// The app catalog finds apps by listing apps/*; a bundle cannot import a computed path, but esbuild bundles
// every file a template literal can name, so the build rewrites the catalog's import into one.
const CATALOG_IMPORT = /await import\(pathToFileURL\(path\.join\(appsDir, dir, 'src', 'index\.ts'\)\)\.href\)/

/**
 * Bundles `serve` (a serve-ours.ts of some checkout) into `{checkout}/bench/.work/serve-ours.bundle.mjs`
 * and returns that path. npm packages stay external (loaded from the checkout's node_modules).
 * @throws Error when an older tree's catalog imports apps in a way this build does not know.
 */
export async function buildServeBundle(serve: string, opts: { keepNames?: boolean } = {}): Promise<string> {
  const esbuild = await import('esbuild')
  const root = path.resolve(path.dirname(serve), '../..')
  const out = path.join(root, 'bench/.work', `serve-ours.bundle${opts.keepNames ? '.names' : ''}.mjs`)
  await esbuild.build({
    entryPoints: [serve],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    keepNames: opts.keepNames ?? false,
    logLevel: 'error',
    absWorkingDir: root,
    plugins: [externals(), ownUrls()],
  })
  return out
}

function externals(): Plugin {
  return {
    name: 'externals',
    setup(b) {
      // Our packages are TypeScript sources and must be bundled; everything from npm loads as usual.
      b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@maison/') ? undefined : { path: args.path, external: true }))
    },
  }
}

/** Each module keeps its own `import.meta.url`, so paths computed from it (migrations, l10n, fonts) resolve as in the sources. */
function ownUrls(): Plugin {
  return {
    name: 'own-urls',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined
        let src = fs.readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        if (args.path.endsWith(path.join('apps', 'workspace', 'src', 'apps', 'catalog.ts')) && !src.includes('import(`../../../${dir}/src/index.ts`)')) {
          if (!CATALOG_IMPORT.test(src)) throw new Error('apps/catalog.ts imports apps in a way the bench bundle does not know')
          src = src.replace(CATALOG_IMPORT, 'await import(`../../../${dir}/src/index.ts`)')
        }
        return { contents: src, loader: 'ts' }
      })
    },
  }
}

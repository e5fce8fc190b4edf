import { readdirSync, existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const root = fileURLToPath(new URL('.', import.meta.url))

/** Every app with a front end (apps/{app}/src/ui/main.ts) becomes one entry named after its folder. */
function appEntries(): Record<string, string> {
  const entries: Record<string, string> = {}
  for (const app of readdirSync(`${root}apps`)) {
    const main = `${root}apps/${app}/src/ui/main.ts`
    if (existsSync(main)) entries[app] = main
  }
  return entries
}

export default defineConfig({
  root,
  base: '/assets/',
  publicDir: false,
  plugins: [vue()],
  // @nextcloud/vue reads these globals to namespace its storage keys and log lines.
  define: {
    appName: JSON.stringify('maison'),
    appVersion: JSON.stringify(process.env.npm_package_version ?? '0.1.0'),
  },
  build: {
    outDir: 'dist/ui',
    // Files sit directly under /assets/ rather than /assets/assets/.
    assetsDir: '',
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    // @nextcloud/vue alone is several hundred kB; views are split so a page loads only what it shows.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: appEntries(),
    },
  },
})

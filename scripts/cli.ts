/**
 * `npm run maison -- <command>`: operator commands that work on the data directly, without the
 * HTTP server (the provisioner drives the same functions through jobs).
 *   space create <slug> --name "Name" [--admin admin] [--password P] [--email E]
 *   space list
 *   space upgrade           apply pending migrations to every space
 *   space import <slug> <archive.tar.gz>   a space exported by the provisioner, as a new space
 */
import crypto from 'node:crypto'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { loadConfig, ConfigError } from '@maison/config'
import { AppError } from '@maison/errors'
import { loadApps } from '../apps/workspace/src/apps/catalog.ts'
import { openSpaceHost } from '../apps/workspace/src/spaces/boot.ts'
import { createSpaceWithAdmin, spaceInitializers, spaceMigrationSets } from '../apps/workspace/src/modules.ts'
import { describeImport, importArchiveFromCli } from '../apps/provisioner/src/archive/cli.ts'

const USAGE = `usage:
  npm run maison -- space create <slug> --name "Name" [--admin admin] [--password P] [--email E]
  npm run maison -- space list
  npm run maison -- space upgrade
  npm run maison -- space import <slug> <archive.tar.gz>`

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv, allowPositionals: true,
    options: { name: { type: 'string' }, admin: { type: 'string', default: 'admin' }, password: { type: 'string' }, email: { type: 'string' } },
  })
  const [group, command, slug] = positionals
  if (group !== 'space' || !command) {
    console.error(USAGE)
    return 2
  }
  const config = loadConfig()
  const clock = () => new Date()
  const apps = await loadApps(path.resolve('apps'))
  const parts = openSpaceHost(config, { workspace: spaceMigrationSets(), apps }, spaceInitializers(), clock)
  try {
    if (command === 'list') {
      for (const s of parts.registry.list()) console.log(`${s.slug}\t${s.status}\t${s.name}`)
      return 0
    }
    if (command === 'upgrade') {
      console.log(`upgraded: ${parts.host.upgradeOutdated().join(', ') || 'nothing to do'}`)
      return 0
    }
    if (command === 'import' && slug && positionals[3]) {
      for (const line of describeImport(await importArchiveFromCli(parts, config, slug, path.resolve(positionals[3]), clock), config.BASE_URL)) console.log(line)
      return 0
    }
    if (command === 'create' && slug) {
      const password = values.password ?? crypto.randomBytes(9).toString('base64url')
      await createSpaceWithAdmin(parts, config, { slug, name: values.name ?? slug, admin: { username: values.admin!, password, email: values.email } }, clock)
      console.log(`space ${slug} ready at ${config.BASE_URL}/s/${slug}/ — admin ${values.admin}${values.password ? '' : `, password ${password}`}`)
      return 0
    }
    console.error(USAGE)
    return 2
  } finally {
    parts.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof AppError || err instanceof ConfigError ? err.message : err)
    process.exit(1)
  },
)

/**
 * A real workspace host in its own process, for tests that kill it. argv: DATA_DIR REDIS_URL.
 * Creates the space `crash` with the account alice / alice-password-1 if absent, then prints
 * `listening {port}`.
 */
import { loadConfig } from '@maison/config'
import { startServer } from '@maison/workspace'

const [dataDir, redisUrl] = process.argv.slice(2)
const config = loadConfig({
  NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, REDIS_URL: redisUrl, QUEUE_PREFIX: 'crash', LOG_LEVEL: 'warn',
})
const server = await startServer(config)
await server.createSpace({ slug: 'crash', name: 'Crash', admin: { username: 'alice', password: 'alice-password-1' } })
process.stdout.write(`listening ${new URL(server.url).port}\n`)

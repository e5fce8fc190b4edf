// Child process of the bench: runs Maison's workspace host alone, so that its RSS is measured
// without the bench client in it. Prints one line `READY {json}` once the bench space exists.
import { loadConfig } from '@maison/config'
import { startServer } from '@maison/workspace'

const [dataDir, redisUrl, password] = process.argv.slice(2)
const config = loadConfig({
  NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, REDIS_URL: redisUrl,
  QUEUE_PREFIX: 'bench', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', SPACE_QUOTA: '1TB',
})
const server = await startServer(config)
await server.createSpace({ slug: 'bench', name: 'Bench', admin: { username: 'bench', password: password! } })
process.stdout.write(`READY ${JSON.stringify({ url: server.url, pid: process.pid })}\n`)
const stop = async (): Promise<void> => {
  await server.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)

// The peer of bench/spaces/idle.ts: the same code loaded, an HTTP server, no spaces.
import http from 'node:http'
import '@maison/workspace'

const server = http.createServer((_req, res) => res.end('ok'))
server.listen(0, '127.0.0.1', () => {
  const addr = server.address() as { port: number }
  process.stdout.write(`listening ${addr.port}\n`)
})

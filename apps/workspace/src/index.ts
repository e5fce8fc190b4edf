export { startServer, redisUrlOf, type RunningServer } from './server.ts'

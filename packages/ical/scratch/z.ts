import { wallToUtc, utcToWall } from '../src/zones.ts'
const iso = (ms: number) => new Date(ms).toISOString()
console.log(iso(wallToUtc('Europe/Paris', Date.UTC(2026, 2, 29, 2, 30))), 'gap -> 01:30Z')
console.log(iso(wallToUtc('Europe/Paris', Date.UTC(2026, 9, 25, 2, 30))), 'fold -> 00:30Z')
console.log(iso(wallToUtc('Europe/Paris', Date.UTC(2026, 5, 1, 12))), '10:00Z')
console.log(iso(wallToUtc('America/New_York', Date.UTC(2026, 0, 1, 12))), '17:00Z')
console.log(iso(utcToWall('Asia/Kolkata', Date.UTC(2026, 0, 1, 0))), '05:30')
let t = performance.now(); let s = 0
for (let i = 0; i < 100000; i++) s += wallToUtc('Europe/Paris', Date.UTC(2026, 0, 1) + (i % 5000) * 3600_000)
console.log('us', (performance.now() - t) / 100000 * 1000)

// Child of db.test.ts: opens and migrates each given (new) file at the same instant as its siblings,
// as web processes starting together on an empty DATA_DIR do.
import { migrate, openDatabase } from '../index.ts'

const [startAt, ...files] = process.argv.slice(2)
let at = Number(startAt)
for (const file of files) {
  while (Date.now() < at) { /* spin: a timer would add milliseconds of jitter */ }
  const db = openDatabase(file)
  migrate(db, [{ scope: 'race', migrations: [{ id: 1, name: 't', up: 'CREATE TABLE t (x INTEGER)' }] }])
  db.close()
  at += 40
}

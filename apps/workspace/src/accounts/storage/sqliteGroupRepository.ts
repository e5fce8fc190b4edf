import type { Db } from '@maison/db'
import { likePattern } from './sqliteAccountRepository.ts'
import type { AccountQuery, GroupRepository } from './types.ts'

export class SqliteGroupRepository implements GroupRepository {
  constructor(private readonly db: Db) {}

  list(q: AccountQuery = {}): string[] {
    const where = q.search ? "WHERE name LIKE ? ESCAPE '\\'" : ''
    const args: unknown[] = q.search ? [likePattern(q.search)] : []
    const rows = this.db
      .prepare(`SELECT name FROM account_groups ${where} ORDER BY name COLLATE NOCASE LIMIT ? OFFSET ?`)
      .all(...args, q.limit ?? -1, q.offset ?? 0) as { name: string }[]
    return rows.map((r) => r.name)
  }

  exists(name: string): boolean {
    return this.db.prepare('SELECT 1 FROM account_groups WHERE name = ?').get(name) !== undefined
  }

  create(name: string, at: string): void {
    this.db.prepare('INSERT INTO account_groups (name, created_at) VALUES (?, ?)').run(name, at)
  }

  remove(name: string): boolean {
    return this.db.prepare('DELETE FROM account_groups WHERE name = ?').run(name).changes > 0
  }

  members(name: string): string[] {
    const rows = this.db
      .prepare(`SELECT a.username FROM account_group_members m JOIN account_groups g ON g.id = m.group_id
        JOIN accounts a ON a.id = m.account_id WHERE g.name = ? ORDER BY a.username COLLATE NOCASE`)
      .all(name) as { username: string }[]
    return rows.map((r) => r.username)
  }

  groupsOf(accountId: number): string[] {
    const rows = this.db
      .prepare(`SELECT g.name FROM account_group_members m JOIN account_groups g ON g.id = m.group_id
        WHERE m.account_id = ? ORDER BY g.name COLLATE NOCASE`)
      .all(accountId) as { name: string }[]
    return rows.map((r) => r.name)
  }

  addMember(name: string, accountId: number): void {
    this.db
      .prepare('INSERT OR IGNORE INTO account_group_members (group_id, account_id) SELECT id, ? FROM account_groups WHERE name = ?')
      .run(accountId, name)
  }

  removeMember(name: string, accountId: number): void {
    this.db
      .prepare('DELETE FROM account_group_members WHERE account_id = ? AND group_id = (SELECT id FROM account_groups WHERE name = ?)')
      .run(accountId, name)
  }
}

import { randomBytes } from 'node:crypto'
import { Forbidden, Unauthorized, ValidationError } from '@maison/errors'
import type { AuditLog, Clock, StaffMember, StaffRepository, StaffRole } from './ports.ts'
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets.ts'

export type StaffAction =
  | 'review' // approve, reject, ask for information, notes
  | 'operate' // suspend, resume, limits, delete, restore, retry provisioning
  | 'administer' // staff accounts, templates, hosts

const GRANTS: Record<StaffRole, readonly StaffAction[]> = {
  reviewer: ['review'],
  operator: ['operate'],
  admin: ['review', 'operate', 'administer'],
}

/** @throws Forbidden when the staff member's role does not allow the action. */
export function authorize(staff: StaffMember, action: StaffAction): void {
  if (!GRANTS[staff.role].includes(action)) {
    throw new Forbidden(`Your role (${staff.role}) does not allow this action (${action}).`)
  }
}

const SESSION_HOURS = 12

/** Staff accounts: a realm of their own, separate from every space's accounts. */
export class StaffService {
  constructor(private readonly staff: StaffRepository, private readonly audit: AuditLog, private readonly clock: Clock) {}

  /**
   * Checks a username and password.
   * @throws Unauthorized with the same message whether the user or the password is wrong.
   */
  async login(username: string, password: string): Promise<StaffMember> {
    const s = this.staff.byUsername(username)
    // Hash anyway, so response time does not reveal which staff usernames exist.
    const ok = await verifyPassword(password, s?.passwordHash ?? 'scrypt$16384$8$1$AAAA$AAAA')
    if (!s || !ok || !s.enabled) throw new Unauthorized('Wrong username or password.')
    return s
  }

  /** Resolves a bearer token, or null. */
  byToken(token: string): StaffMember | null {
    const s = this.staff.useToken(hashToken(token), this.clock().toISOString())
    return s?.enabled ? s : null
  }

  /** Opens a console session; returns the cookie value and its CSRF token. */
  openSession(staff: StaffMember): { token: string; csrf: string; maxAgeMs: number } {
    const token = newToken()
    const csrf = randomBytes(18).toString('base64url')
    const now = this.clock()
    this.staff.addSession(staff.id, hashToken(token), csrf, now.toISOString(), new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString())
    return { token, csrf, maxAgeMs: SESSION_HOURS * 3600_000 }
  }

  session(token: string): { staff: StaffMember; csrf: string } | null {
    const s = this.staff.session(hashToken(token), this.clock().toISOString())
    return s?.staff.enabled ? s : null
  }

  endSession(token: string): void {
    this.staff.endSession(hashToken(token))
  }

  /** Creates an API token for a staff member; the token is shown once. */
  createToken(staff: StaffMember, name: string): { id: number; token: string } {
    if (!name.trim() || name.length > 100) {
      throw new ValidationError('Give the token a name of 1 to 100 characters.', { errors: [{ path: 'name', message: 'Give the token a name of 1 to 100 characters.' }] })
    }
    const token = newToken()
    const at = this.clock().toISOString()
    const id = this.staff.addToken(staff.id, name.trim(), hashToken(token), at)
    this.audit.record({ at, staffId: staff.id, actor: staff.username, action: 'staff.token_created', target: `staff:${staff.id}`, detail: { name } })
    return { id, token }
  }

  /**
   * Creates a staff account.
   * @throws Conflict (via storage) when the username exists.
   */
  async create(by: StaffMember, input: { username: string; displayName: string; email: string | null; role: StaffRole; password: string }): Promise<StaffMember> {
    authorize(by, 'administer')
    const at = this.clock().toISOString()
    const created = this.staff.insert({ ...input, passwordHash: await hashPassword(input.password), enabled: true, createdAt: at })
    this.audit.record({ at, staffId: by.id, actor: by.username, action: 'staff.created', target: `staff:${created.id}`, detail: { username: input.username, role: input.role } })
    return created
  }
}

/**
 * Creates the staff admin `staff` on first start. Returns the password when it was generated
 * (to print once), null when the account existed or STAFF_PASSWORD chose it.
 */
export async function ensureStaffAdmin(staff: StaffRepository, password: string | undefined, clock: Clock = () => new Date()): Promise<string | null> {
  if (staff.byUsername('staff')) return null
  const chosen = password ?? randomBytes(12).toString('base64url')
  const created = staff.insertIfAbsent({
    username: 'staff', displayName: 'Staff administrator', email: null, role: 'admin',
    passwordHash: await hashPassword(chosen), enabled: true, createdAt: clock().toISOString(),
  })
  return created && !password ? chosen : null
}

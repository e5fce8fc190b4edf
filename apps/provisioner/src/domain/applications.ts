import { Conflict, Gone, NotFound, ValidationError } from '@maison/errors'
import { parseApplication } from './application-schema.ts'
import { eligibilityHints, type EligibilityThresholds, type Hint } from './eligibility.ts'
import { REVIEWABLE, type Language } from './fields.ts'
import { mails } from './mails.ts'
import type {
  Application, ApplicationQuery, ApplicationRepository, AuditLog, Clock, MailPort, Message, Note,
  ProvisionQueue, RejectTemplateRepository, StaffMember, Transactor,
} from './ports.ts'
import { hashToken, newToken } from './secrets.ts'
import { assertSlugAvailable, checkSlug, type SlugVerdict, type TakenNames } from './slug-check.ts'
import { authorize } from './staff.ts'

const CONFIRM_DAYS = 7

export interface ApplicationDeps {
  apps: ApplicationRepository
  templates: RejectTemplateRepository
  audit: AuditLog
  tx: Transactor
  names: TakenNames
  mail: MailPort
  queue: ProvisionQueue
  clock: Clock
  /** Public root of the platform, e.g. https://maison.example.org */
  baseUrl: string
  thresholds: EligibilityThresholds
}

const field = (path: string, message: string) => new ValidationError(message, { errors: [{ path, message }] })

/** The life of an application, from the public form to the staff's decision. */
export class ApplicationService {
  constructor(private readonly d: ApplicationDeps) {}

  private now(): string {
    return this.d.clock().toISOString()
  }

  private statusLink(id: number): string {
    const token = newToken()
    this.d.apps.addToken(id, 'status', hashToken(token), this.now(), null)
    return `${this.d.baseUrl}/apply/status/${token}`
  }

  /** Live availability of a space name, as the form asks while someone types. */
  checkName(raw: string): SlugVerdict {
    return checkSlug(raw, this.d.names)
  }

  /**
   * Records a new application and mails the confirmation link.
   * @throws ValidationError naming each faulty field.
   */
  async submit(body: unknown, lang: Language): Promise<{ application: Application; statusUrl: string }> {
    const input = parseApplication(body, lang, this.d.clock())
    input.slug = assertSlugAvailable(input.slug, this.d.names)
    const confirm = newToken()
    const at = this.d.clock()
    const { application, statusUrl } = this.d.tx.run(() => {
      const application = this.d.apps.insert(input, at.toISOString())
      const expires = new Date(at.getTime() + CONFIRM_DAYS * 86400_000).toISOString()
      this.d.apps.addToken(application.id, 'confirm', hashToken(confirm), at.toISOString(), expires)
      return { application, statusUrl: this.statusLink(application.id) }
    })
    await this.d.mail.enqueue(mails.confirm(application.language, {
      key: `apply-confirm:${application.id}`, to: application.contactEmail, organisation: application.organisation,
      confirmUrl: `${this.d.baseUrl}/apply/confirm/${confirm}`, statusUrl,
    }))
    return { application, statusUrl }
  }

  /**
   * Confirms the e-mail address: the application enters the review queue.
   * @throws Gone for an unknown or expired link; Conflict when the name was taken meanwhile.
   */
  confirm(token: string): Application {
    return this.d.tx.run(() => {
      const id = this.d.apps.redeemToken(hashToken(token), 'confirm', this.now())
      if (id === null) throw new Gone('This confirmation link is unknown or has expired.')
      const app = this.d.apps.byId(id)!
      if (app.status !== 'unconfirmed') return app
      if (this.d.names.isTaken(app.slug)) {
        throw new Conflict(`The name "${app.slug}" was taken by someone else meanwhile; please apply again with another name.`)
      }
      this.d.apps.transition(id, ['unconfirmed'], 'pending', { confirmedAt: this.now() }, this.now())
      return this.d.apps.byId(id)!
    })
  }

  /**
   * What the applicant sees on their status page.
   * @throws NotFound for an unknown link.
   */
  statusOf(token: string): { application: Application; messages: Message[] } {
    const id = this.d.apps.redeemToken(hashToken(token), 'status', this.now())
    if (id === null) throw new NotFound('This status link is unknown.')
    return { application: this.d.apps.byId(id)!, messages: this.d.apps.messages(id) }
  }

  /**
   * The applicant answers a question; the application goes back to the review queue.
   * @throws ValidationError for an empty answer; Conflict when no question is open.
   */
  answer(token: string, text: unknown): Application {
    const body = typeof text === 'string' ? text.trim() : ''
    if (body.length < 1 || body.length > 5000) throw field('answer', 'Write an answer of 1 to 5,000 characters.')
    const { application } = this.statusOf(token)
    return this.d.tx.run(() => {
      if (!this.d.apps.transition(application.id, ['info_requested'], 'pending', {}, this.now())) {
        throw new Conflict('There is no open question on this application.')
      }
      this.d.apps.addMessage(application.id, 'applicant', null, body, this.now())
      this.d.audit.record({ at: this.now(), staffId: null, actor: application.contactEmail, action: 'application.answered', target: `application:${application.id}`, detail: {} })
      return this.d.apps.byId(application.id)!
    })
  }

  list(staff: StaffMember, q: ApplicationQuery): { items: Application[]; total: number } {
    return this.d.apps.list(q)
  }

  /**
   * One application with what a reviewer needs.
   * @throws NotFound
   */
  detail(id: number): { application: Application; hints: Hint[]; messages: Message[]; notes: Note[] } {
    const application = this.d.apps.byId(id)
    if (!application) throw new NotFound(`There is no application ${id}.`)
    return {
      application, hints: eligibilityHints(application, this.d.apps, this.d.thresholds),
      messages: this.d.apps.messages(id), notes: this.d.apps.notes(id),
    }
  }

  /**
   * Approves and queues provisioning. Of two staff approving at once, exactly one wins.
   * @throws Forbidden, NotFound; Conflict when the application is not awaiting a decision.
   */
  async approve(staff: StaffMember, id: number): Promise<Application> {
    authorize(staff, 'review')
    const app = this.d.tx.run(() => {
      const current = this.detail(id).application
      if (!this.d.apps.transition(id, REVIEWABLE, 'approved', { decidedAt: this.now(), decidedBy: staff.id }, this.now())) {
        throw new Conflict(`Application ${id} is ${current.status === 'approved' ? 'already approved' : current.status}; it can't be approved now.`)
      }
      this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'application.approved', target: `application:${id}`, detail: { slug: current.slug } })
      return this.d.apps.byId(id)!
    })
    try {
      await this.d.queue.provision(app.slug, app.id)
    } catch {
      // The decision is stored: the sweeper queues every approved application without a job (Redis down, process killed).
    }
    return app
  }

  /**
   * Rejects with a reason: a template (in the applicant's language) and/or free text.
   * @throws ValidationError, Forbidden, NotFound, Conflict
   */
  async reject(staff: StaffMember, id: number, input: { template?: string; reason?: string }): Promise<Application> {
    authorize(staff, 'review')
    const current = this.detail(id).application
    const tpl = input.template ? this.d.templates.get(input.template) : null
    if (input.template && !tpl) throw field('template', `There is no reject template "${input.template}".`)
    const reason = [tpl?.body[current.language], input.reason?.trim()].filter(Boolean).join('\n\n')
    if (!reason) throw field('reason', 'Give a reason: choose a template or write one.')
    if (reason.length > 5000) throw field('reason', 'The reason is longer than 5,000 characters.')
    const app = this.d.tx.run(() => {
      if (!this.d.apps.transition(id, REVIEWABLE, 'rejected', { decidedAt: this.now(), decidedBy: staff.id, rejectReason: reason }, this.now())) {
        throw new Conflict(`Application ${id} is ${current.status}; it can't be rejected now.`)
      }
      this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'application.rejected', target: `application:${id}`, detail: { template: input.template ?? null } })
      return this.d.apps.byId(id)!
    })
    await this.d.mail.enqueue(mails.rejected(app.language, { key: `apply-rejected:${id}`, to: app.contactEmail, reason }))
    return app
  }

  /**
   * Asks the applicant a question; they answer on their status page.
   * @throws ValidationError, Forbidden, NotFound, Conflict
   */
  async askInfo(staff: StaffMember, id: number, question: unknown): Promise<Application> {
    authorize(staff, 'review')
    const text = typeof question === 'string' ? question.trim() : ''
    if (text.length < 5 || text.length > 5000) throw field('question', 'Write a question of 5 to 5,000 characters.')
    const { app, statusUrl, n } = this.d.tx.run(() => {
      const current = this.detail(id).application
      if (!this.d.apps.transition(id, REVIEWABLE, 'info_requested', {}, this.now())) {
        throw new Conflict(`Application ${id} is ${current.status}; no question can be asked now.`)
      }
      this.d.apps.addMessage(id, 'staff', staff.id, text, this.now())
      this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'application.info_requested', target: `application:${id}`, detail: {} })
      return { app: this.d.apps.byId(id)!, statusUrl: this.statusLink(id), n: this.d.apps.messages(id).length }
    })
    await this.d.mail.enqueue(mails.question(app.language, { key: `apply-question:${id}:${n}`, to: app.contactEmail, question: text, statusUrl }))
    return app
  }

  /**
   * Retries a failed provisioning from the step it stopped at.
   * @throws Forbidden, NotFound; Conflict when it has not failed.
   */
  async retryProvisioning(staff: StaffMember, id: number): Promise<Application> {
    authorize(staff, 'operate')
    const app = this.d.tx.run(() => {
      const current = this.detail(id).application
      if (!this.d.apps.transition(id, ['failed'], 'approved', { lastError: null }, this.now())) {
        throw new Conflict(`Application ${id} is ${current.status}; only a failed provisioning can be retried.`)
      }
      this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'space.provisioning_retried', target: `application:${id}`, detail: { slug: current.slug } })
      return this.d.apps.byId(id)!
    })
    await this.d.queue.retry(app.slug, app.id)
    return app
  }

  /**
   * Adds an internal note (never shown to the applicant).
   * @throws ValidationError, Forbidden, NotFound
   */
  addNote(staff: StaffMember, id: number, body: unknown): Note[] {
    authorize(staff, 'review')
    const text = typeof body === 'string' ? body.trim() : ''
    if (text.length < 1 || text.length > 5000) throw field('note', 'Write a note of 1 to 5,000 characters.')
    return this.d.tx.run(() => {
      this.detail(id)
      this.d.apps.addNote(id, staff.id, text, this.now())
      this.d.audit.record({ at: this.now(), staffId: staff.id, actor: staff.username, action: 'application.note_added', target: `application:${id}`, detail: {} })
      return this.d.apps.notes(id)
    })
  }
}

import type { Migration } from '@maison/db'

export default {
  id: 1,
  name: 'applications, staff, audit, hosts and provisioning ledger',
  up: `
    CREATE TABLE prov_applications (
      id INTEGER PRIMARY KEY,
      organisation TEXT NOT NULL,
      organisation_key TEXT NOT NULL,
      slug TEXT NOT NULL,
      structure_type TEXT NOT NULL,
      sectors TEXT NOT NULL,
      purpose TEXT NOT NULL,
      year_founded INTEGER NOT NULL,
      employees INTEGER NOT NULL,
      members INTEGER NOT NULL,
      beneficiaries INTEGER NOT NULL,
      budget_band TEXT NOT NULL,
      contact_name TEXT NOT NULL,
      contact_email TEXT NOT NULL COLLATE NOCASE,
      language TEXT NOT NULL CHECK (language IN ('en', 'fr')),
      charter_accepted_at TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('unconfirmed', 'pending', 'info_requested', 'approved', 'provisioning', 'ready', 'rejected', 'failed')),
      reject_reason TEXT,
      last_error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      confirmed_at TEXT,
      decided_at TEXT,
      decided_by INTEGER,
      ready_at TEXT
    );
    -- A name is held by at most one live application; unconfirmed ones do not squat names.
    CREATE UNIQUE INDEX prov_applications_live_slug ON prov_applications (slug)
      WHERE status IN ('pending', 'info_requested', 'approved', 'provisioning', 'ready');
    CREATE INDEX prov_applications_status ON prov_applications (status, created_at);
    CREATE INDEX prov_applications_email ON prov_applications (contact_email);
    CREATE INDEX prov_applications_org ON prov_applications (organisation_key);

    CREATE TABLE prov_application_tokens (
      token_hash TEXT PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES prov_applications (id) ON DELETE CASCADE,
      purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'status')),
      created_at TEXT NOT NULL,
      expires_at TEXT,
      used_at TEXT
    );

    CREATE TABLE prov_messages (
      id INTEGER PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES prov_applications (id) ON DELETE CASCADE,
      author TEXT NOT NULL CHECK (author IN ('staff', 'applicant')),
      staff_id INTEGER,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX prov_messages_app ON prov_messages (application_id, id);

    CREATE TABLE prov_notes (
      id INTEGER PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES prov_applications (id) ON DELETE CASCADE,
      staff_id INTEGER NOT NULL,
      body TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX prov_notes_app ON prov_notes (application_id, id);

    CREATE TABLE prov_staff (
      id INTEGER PRIMARY KEY,
      username TEXT NOT NULL COLLATE NOCASE UNIQUE,
      display_name TEXT NOT NULL,
      email TEXT,
      role TEXT NOT NULL CHECK (role IN ('reviewer', 'operator', 'admin')),
      password_hash TEXT NOT NULL,
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_at TEXT NOT NULL
    );

    CREATE TABLE prov_staff_tokens (
      id INTEGER PRIMARY KEY,
      staff_id INTEGER NOT NULL REFERENCES prov_staff (id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      last_used_at TEXT,
      revoked_at TEXT
    );

    CREATE TABLE prov_staff_sessions (
      token_hash TEXT PRIMARY KEY,
      staff_id INTEGER NOT NULL REFERENCES prov_staff (id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );

    CREATE TABLE prov_audit (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      staff_id INTEGER,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      detail TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX prov_audit_target ON prov_audit (target, id);

    CREATE TABLE prov_reject_templates (
      code TEXT PRIMARY KEY,
      title_en TEXT NOT NULL,
      title_fr TEXT NOT NULL,
      body_en TEXT NOT NULL,
      body_fr TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    INSERT INTO prov_reject_templates VALUES
      ('not_eligible', 'Not eligible', 'Non éligible',
       'Thank you for your application. Our service is reserved for small associations and informal groups, and your organisation is outside that scope.',
       'Merci pour votre demande. Notre service est réservé aux petites associations et aux collectifs, et votre structure sort de ce cadre.', datetime('now')),
      ('incomplete', 'Incomplete application', 'Demande incomplète',
       'Thank you for your application. We could not understand your purpose and activities from what you wrote; you are welcome to apply again with more detail.',
       'Merci pour votre demande. Nous n''avons pas pu comprendre votre objet et vos activités ; vous pouvez déposer une nouvelle demande plus détaillée.', datetime('now')),
      ('duplicate', 'Duplicate', 'Doublon',
       'Your organisation already has a space or a pending application with us.',
       'Votre structure a déjà un espace ou une demande en cours chez nous.', datetime('now'));

    CREATE TABLE prov_hosts (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      capacity INTEGER NOT NULL CHECK (capacity >= 0),
      enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
      created_at TEXT NOT NULL
    );
    INSERT INTO prov_hosts (id, name, capacity, created_at) VALUES ('local', 'This server', 10000, datetime('now'));

    -- Reservation of a name by an approved application, then its placement on a host.
    CREATE TABLE prov_placements (
      slug TEXT PRIMARY KEY,
      application_id INTEGER NOT NULL REFERENCES prov_applications (id),
      host_id TEXT REFERENCES prov_hosts (id),
      reserved_at TEXT NOT NULL,
      placed_at TEXT
    );
    CREATE INDEX prov_placements_host ON prov_placements (host_id);

    -- Mails that must go once: the row is the decision to send, written before the mail is queued.
    CREATE TABLE prov_mail_ledger (
      key TEXT PRIMARY KEY,
      recipient TEXT NOT NULL,
      subject TEXT NOT NULL,
      body_text TEXT NOT NULL,
      secret TEXT,
      created_at TEXT NOT NULL,
      enqueued_at TEXT
    );

    CREATE TABLE prov_deletions (
      slug TEXT PRIMARY KEY,
      previous_status TEXT NOT NULL,
      deleted_at TEXT NOT NULL,
      purge_after TEXT NOT NULL,
      purged_at TEXT
    );

    CREATE TABLE prov_closing_requests (
      id INTEGER PRIMARY KEY,
      slug TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      reason TEXT NOT NULL,
      created_at TEXT NOT NULL,
      handled_at TEXT
    );
    CREATE UNIQUE INDEX prov_closing_open ON prov_closing_requests (slug) WHERE handled_at IS NULL;
  `,
} satisfies Migration

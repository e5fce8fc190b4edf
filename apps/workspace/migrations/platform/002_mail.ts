import type { Migration } from '@maison/db'

export default {
  id: 2,
  name: 'mail outbox and sent ledger',
  up: `
    CREATE TABLE mail_outbox (
      id INTEGER PRIMARY KEY,
      key TEXT NOT NULL,
      recipient TEXT NOT NULL,
      subject TEXT NOT NULL,
      body_text TEXT NOT NULL,
      body_html TEXT,
      created_at TEXT NOT NULL
    );
    CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
    -- One row per mail intent handed to the transport: a retried job finds it and sends nothing.
    CREATE TABLE mail_sent (
      key TEXT PRIMARY KEY,
      sent_at TEXT NOT NULL
    );
  `,
} satisfies Migration

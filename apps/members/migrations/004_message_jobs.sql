-- A bulk message is a job. The client's request id makes a retried POST answer the first result instead of
-- mailing everyone again; the recipients are kept so the job, or its retry after a crash, hands to the mail
-- queue only those not handed yet.
ALTER TABLE members_messages ADD COLUMN request_id TEXT;
ALTER TABLE members_messages ADD COLUMN request_hash TEXT;
ALTER TABLE members_messages ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members_messages ADD COLUMN handed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members_messages ADD COLUMN state TEXT NOT NULL DEFAULT 'sent';
CREATE UNIQUE INDEX members_messages_request_id ON members_messages (request_id);
-- Messages from before this migration were handed to the mail queue within their request.
UPDATE members_messages SET handed = recipients;

CREATE TABLE members_message_recipients (
  message_id INTEGER NOT NULL REFERENCES members_messages (id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL,
  handed_at TEXT,
  PRIMARY KEY (message_id, member_id)
);
CREATE INDEX members_message_recipients_pending ON members_message_recipients (message_id) WHERE handed_at IS NULL;

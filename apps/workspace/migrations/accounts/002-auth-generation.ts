import type { Migration } from '@maison/db'

const bump = 'BEGIN UPDATE auth_generation SET n = n + 1; END'

/**
 * A counter that moves with every change that can alter who a credential names or what they may do (accounts,
 * app passwords), whichever connection or process makes it. Verified app passwords are trusted again while it
 * stands still (`auth/verified-app-passwords.ts`); file writes, which are most of a space's commits, leave it alone.
 * Only the bookkeeping columns (last login, last use, an app password's name) are left out.
 */
export const m002AuthGeneration: Migration = {
  id: 2,
  name: 'auth generation',
  up: `
CREATE TABLE auth_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  n INTEGER NOT NULL
);
INSERT INTO auth_generation (id, n) VALUES (1, 0);
CREATE TRIGGER accounts_insert_auth_generation AFTER INSERT ON accounts ${bump};
CREATE TRIGGER accounts_delete_auth_generation AFTER DELETE ON accounts ${bump};
CREATE TRIGGER accounts_update_auth_generation
  AFTER UPDATE OF id, username, display_name, email, role, password_hash, quota_bytes, enabled, language ON accounts ${bump};
CREATE TRIGGER app_passwords_insert_auth_generation AFTER INSERT ON account_app_passwords ${bump};
CREATE TRIGGER app_passwords_delete_auth_generation AFTER DELETE ON account_app_passwords ${bump};
CREATE TRIGGER app_passwords_update_auth_generation AFTER UPDATE OF id, account_id, token_hash ON account_app_passwords ${bump};
`,
}

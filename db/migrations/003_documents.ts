/**
 * Version 3: the document registry (发文登记) and its export record. FROZEN once released.
 *
 * - `documents`: one row per drafted document (草稿 → 送签 → 已签发, or 作废). The request it was drafted from
 *   and the exact model used are stored as JSON, so an export can be repeated byte for byte.
 *   The 文号 (`number`) is taken at signing from the series (`number_prefix`, `year`) as `seq`.
 * - `document_exports`: one row per file written (who, when, which file, the SHA-256 of its bytes).
 *
 * Same conventions as 001: STRICT, the sharing.md sync columns, no enum CHECKs. Deliberately no UNIQUE on
 * `number` or on (number_prefix, year, seq): two offline copies may each issue the same 文号, and the merge must
 * record that as a conflict, not fail. The numbering service guarantees uniqueness within one copy.
 * No trigger forbids editing a signed row either: a merge applies field changes by clock, and immutability
 * of issued documents is the registry service's rule.
 */
import type { Migration } from './migration';

const SYNC_COLUMNS = `
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted_hlc TEXT`;

const SQL = `
CREATE TABLE documents (${SYNC_COLUMNS},
  type             TEXT NOT NULL,
  year             INTEGER NOT NULL,
  number_prefix    TEXT,
  seq              INTEGER CHECK (seq > 0),
  number           TEXT,
  status           TEXT NOT NULL DEFAULT 'draft',
  title            TEXT NOT NULL,
  recipients       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recipients)),
  unit_ids         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(unit_ids)),
  task_ids         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(task_ids)),
  request          TEXT NOT NULL CHECK (json_valid(request)),
  model            TEXT NOT NULL CHECK (json_valid(model)),
  file_stem        TEXT NOT NULL DEFAULT '',
  drafter          TEXT NOT NULL DEFAULT '',
  drafted_at       TEXT NOT NULL,
  submitted_at     TEXT,
  signer           TEXT,
  signed_on        TEXT,
  supersedes_id    TEXT REFERENCES documents (id),
  cancelled_reason TEXT,
  cancelled_at     TEXT
) STRICT;

CREATE TABLE document_exports (${SYNC_COLUMNS},
  document_id TEXT NOT NULL REFERENCES documents (id),
  kind        TEXT NOT NULL DEFAULT 'document',
  exported_at TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  operator    TEXT NOT NULL DEFAULT '',
  sha256      TEXT NOT NULL
) STRICT;

CREATE INDEX documents_year_type_status ON documents (year, type, status);
CREATE INDEX documents_status ON documents (status);
CREATE INDEX documents_number ON documents (number);
CREATE INDEX documents_series ON documents (number_prefix, year, seq);
CREATE INDEX documents_supersedes_id ON documents (supersedes_id);
CREATE INDEX document_exports_document ON document_exports (document_id, exported_at);
`;

export const documentsMigration: Migration = {
  version: 3,
  name: 'documents',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};

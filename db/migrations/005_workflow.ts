/**
 * Version 5: the supervision workflow (seed 二, 三). FROZEN once released.
 *
 * - `supervision_actions.purpose`: supervise 督办 (the office pushes a task on) | chase 催办 (the unit is overdue
 *   or missing a report and is chased). Chases are counted per unit: a unit chased often is named in the next 通报
 *   and loses points in the 考核. `document_id` links the 催办通知 the chase was made with, when there is one.
 * - `obligations`: what an issued document asks a unit to send back — the answer to a 督查通知书 (notice_answer)
 *   or the 情况说明/整改 report after a 批评通报 (rectification) — with its deadline and its receipt. Opened when
 *   the document is signed; `status` open | received | void (void when the document is cancelled 作废).
 *   Late is derived (received_on > due_date, or still open after it), never ticked by hand.
 * - `referrals`: a case referred to 纪检监察 (失职渎职、违纪违法), with its reason; never deleted.
 *
 * Same conventions as 001: STRICT, the sharing.md sync columns, no enum CHECKs (the services validate).
 */
import type { Migration } from './migration';

const SQL = `
ALTER TABLE supervision_actions ADD COLUMN purpose TEXT NOT NULL DEFAULT 'supervise';
ALTER TABLE supervision_actions ADD COLUMN document_id TEXT REFERENCES documents (id);
CREATE INDEX supervision_actions_unit ON supervision_actions (unit_id, action_date);

CREATE TABLE obligations (
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted_hlc TEXT,
  kind          TEXT NOT NULL,
  document_id   TEXT NOT NULL REFERENCES documents (id),
  unit_id       TEXT NOT NULL REFERENCES units (id),
  task_ids      TEXT NOT NULL DEFAULT '[]',
  issued_on     TEXT NOT NULL,
  due_date      TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'open',
  received_on   TEXT,
  received_note TEXT NOT NULL DEFAULT '',
  received_by   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX obligations_unit ON obligations (unit_id, due_date);
CREATE INDEX obligations_document ON obligations (document_id);

CREATE TABLE referrals (
  id          TEXT PRIMARY KEY NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  updated_hlc TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  deleted_hlc TEXT,
  task_id      TEXT REFERENCES tasks (id),
  unit_id      TEXT NOT NULL REFERENCES units (id),
  referred_on  TEXT NOT NULL,
  referred_to  TEXT NOT NULL,
  reason       TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  operator     TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX referrals_unit ON referrals (unit_id, referred_on);
CREATE INDEX referrals_task ON referrals (task_id);
`;

export const workflowMigration: Migration = {
  version: 5,
  name: 'workflow',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};

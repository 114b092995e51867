/**
 * Version 10: indexes that let a sync find what the other copy lacks without reading either whole change log
 * (issue 8). Indexes only: no table or row changes. FROZEN once released.
 *
 * - change_log_device_hlc (device_id, hlc): a merge asks each copy "the newest change of device D you hold"
 *   and reads from the other copy only D's changes from that stamp on (db/sync/merge.ts). A device stamps its
 *   own changes with a clock that only moves forward and a merge copies a whole log, so every copy holds a
 *   prefix (by stamp) of each device's changes, and the newest one is a high-water mark. One seek per device
 *   instead of comparing every change id of both logs.
 *   It replaces change_log_hlc (hlc), whose one use was the newest stamp of the whole log (the clock's start,
 *   local-meta.ts): that is the greatest of the devices' newest stamps, one seek per device here too. Keeping
 *   both would cost some 100 bytes per change — over 200 MB in a ledger of 100,000 tasks, copied at every sync.
 * - change_log_document_numbers (value) over the 文号 changes only: a merge looks for earlier numberings that
 *   gave another document the same 文号 (a duplicate_number conflict) by value, instead of reading every
 *   numbering of the ledger. Partial: the other change rows do not pay for it.
 */
import type { Migration } from './migration';

const SQL = `
CREATE INDEX change_log_device_hlc ON change_log (device_id, hlc);
DROP INDEX change_log_hlc;
CREATE INDEX change_log_document_numbers ON change_log (value) WHERE table_name = 'documents' AND column_name = 'number';
`;

export const changeLogSyncIndexesMigration: Migration = {
  version: 10,
  name: 'change_log_sync_indexes',
  up(sqlite) {
    sqlite.exec(SQL);
  },
};

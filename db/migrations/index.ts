/**
 * The schema history, oldest first. A database's `user_version` is the version of the last step applied;
 * opening it applies the steps after that one. Append new steps; never edit or reorder released ones.
 */
import { initialMigration } from './001_initial';
import { taskLatestProgressMigration } from './002_task_latest_progress';
import { documentsMigration } from './003_documents';
import { extensionRequestsMigration } from './004_extension_requests';
import { workflowMigration } from './005_workflow';
import { conflictsMigration } from './006_conflicts';
import { queryIndexesMigration } from './007_query_indexes';
import { taskUnitsLookupMigration } from './008_task_units_lookup';
import { openTaskIndexesMigration } from './009_open_task_indexes';
import { changeLogSyncIndexesMigration } from './010_change_log_sync_indexes';
import { taskUnitFactsMigration } from './011_task_unit_facts';
import { taskBehindSpansMigration } from './012_task_behind_spans';
import { taskUnitFactsCodeMigration } from './013_task_unit_facts_code';
import { taskSearchKeysMigration } from './014_task_search_keys';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = Object.freeze([
  initialMigration,
  taskLatestProgressMigration,
  documentsMigration,
  extensionRequestsMigration,
  workflowMigration,
  conflictsMigration,
  queryIndexesMigration,
  taskUnitsLookupMigration,
  openTaskIndexesMigration,
  changeLogSyncIndexesMigration,
  taskUnitFactsMigration,
  taskBehindSpansMigration,
  taskUnitFactsCodeMigration,
  taskSearchKeysMigration,
]);

/** Throws unless the steps are numbered 1, 2, 3 … in order (a gap or a duplicate is a programming error). */
export function assertMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migration list out of order: position ${index + 1} holds version ${migration.version} (${migration.name})`);
    }
  });
}

assertMigrationOrder(MIGRATIONS);

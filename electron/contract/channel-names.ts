/**
 * The contract's channel names as plain data, free of zod.
 *
 * The sandboxed preload can only `require('electron')`, so it must not pull the schemas in
 * `channels.ts` into its bundle. It takes the names from here instead; the compile-time checks
 * below (and a unit test at runtime) keep this list equal to the keys of `contract`.
 */
import type { Channel } from './channels';

export const CHANNEL_NAMES = [
  'app.info',
  'app.setup',
  'app.check',
  'settings.get',
  'settings.update',
  'dashboard.get',
  'tasks.list',
  'tasks.get',
  'tasks.create',
  'tasks.update',
  'tasks.setCompleted',
  'tasks.leaders',
  'tasks.previewDueDate',
  'progress.add',
  'actions.add',
  'extensions.request',
  'extensions.decide',
  'units.list',
  'units.create',
  'units.update',
  'units.setActive',
  'holidays.get',
  'holidays.set',
  'holidays.remove',
  'demo.load',
  'documents.settings.get',
  'documents.settings.update',
  'documents.draft',
  'documents.list',
  'documents.get',
  'documents.update',
  'documents.submit',
  'documents.nextNumber',
  'documents.sign',
  'documents.cancel',
  'documents.correct',
  'documents.export',
  'jobs.get',
  'jobs.cancel',
  'workflow.settings.get',
  'workflow.settings.update',
  'workflow.summary',
  'feedback.overview',
  'feedback.ofUnit',
  'chase.list',
  'chase.record',
  'chase.draftNotices',
  'obligations.list',
  'obligations.receive',
  'referrals.add',
  'referrals.list',
  'tasks.timeline',
  'assessment.rules.get',
  'assessment.rules.update',
  'assessment.sheet',
  'conflicts.list',
  'conflicts.resolve',
  'conflicts.openRecords',
  'sharing.status',
  'sharing.syncNow',
  'sharing.cancel',
  'sharing.undoLastSync',
  'sharing.openShared',
  'sharing.exportShared',
  'sharing.link',
  'sharing.unlink',
  'sharing.updateSettings',
  'sharing.chooseBackupsFolder',
  'sharing.showFolder',
  'ledgers.recent',
  'ledgers.create',
  'ledgers.open',
  'ledgers.openRecent',
  'backups.list',
  'backups.create',
  'backups.restore',
] as const satisfies readonly Channel[];

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** Compile-time proof that no contract channel is missing here (`satisfies` above proves no extra one). */
type Missing = Exclude<Channel, ChannelName>;
export type EveryChannelListed = [Missing] extends [never] ? true : Missing;
const _everyChannelListed: EveryChannelListed = true;

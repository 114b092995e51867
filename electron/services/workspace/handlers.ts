/**
 * The ledger-file, sharing and backup channels. Each hands over to the workspace that owns the open ledger;
 * where there is none (the command line, a bare test context) the channel says so in Chinese.
 */
import type { Handlers } from '../../contract/channels';
import type { sharingChannels } from '../../contract/sharing';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';
import type { WorkspaceApi } from './api';

function workspaceOf(ctx: ServiceContext): WorkspaceApi {
  const workspace = ctx.ports.workspace;
  if (!workspace) throw new ServiceError('unavailable', '此处不能管理台账文件与共享同步，请在督查台账程序中操作。');
  return workspace;
}

export const workspaceHandlers = {
  'sharing.status': (_input, ctx) => workspaceOf(ctx).status(),
  'sharing.syncNow': (input, ctx) => workspaceOf(ctx).syncNow(input),
  'sharing.cancel': (_input, ctx) => ({ cancelled: workspaceOf(ctx).cancelSync() }),
  'sharing.undoLastSync': (_input, ctx) => workspaceOf(ctx).undoLastSync(),
  'sharing.openShared': (_input, ctx) => workspaceOf(ctx).openShared(),
  'sharing.exportShared': (_input, ctx) => workspaceOf(ctx).exportShared(),
  'sharing.link': (_input, ctx) => workspaceOf(ctx).link(),
  'sharing.unlink': (_input, ctx) => workspaceOf(ctx).unlink(),
  'sharing.updateSettings': (input, ctx) => workspaceOf(ctx).updateSettings(input),
  'sharing.chooseBackupsFolder': (_input, ctx) => workspaceOf(ctx).chooseBackupsFolder(),
  'sharing.showFolder': (input, ctx) => ({ shown: workspaceOf(ctx).showFolder(input.which) }),
  'ledgers.recent': (_input, ctx) => workspaceOf(ctx).recentLedgers(),
  'ledgers.create': (_input, ctx) => workspaceOf(ctx).createLedger(),
  'ledgers.open': (_input, ctx) => workspaceOf(ctx).openLedger(),
  'ledgers.openRecent': (input, ctx) => workspaceOf(ctx).openRecent(input.id),
  'backups.list': (_input, ctx) => workspaceOf(ctx).listBackups(),
  'backups.create': (_input, ctx) => workspaceOf(ctx).backupNow(),
  'backups.restore': (input, ctx) => workspaceOf(ctx).restoreBackup(input.id),
} satisfies Pick<Handlers<ServiceContext>, keyof typeof sharingChannels>;

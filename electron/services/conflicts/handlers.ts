/** The conflicts' use cases (conflicts.* channels); spread into services/handlers.ts. */
import type { Handlers } from '../../contract/channels';
import type { conflictChannels } from '../../contract/conflicts';
import type { ServiceContext } from '../context';
import { listConflicts, openConflictRecords, resolveConflict } from './conflicts';

type ConflictChannel = keyof typeof conflictChannels;

export const conflictHandlers = {
  'conflicts.list': (input, ctx) => listConflicts(ctx, input),
  'conflicts.resolve': (input, ctx) => resolveConflict(ctx, input),
  'conflicts.openRecords': (_input, ctx) => openConflictRecords(ctx),
} satisfies Pick<Handlers<ServiceContext>, ConflictChannel>;

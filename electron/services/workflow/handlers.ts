/**
 * The workflow's use cases, one per channel of `workflowChannels`; spread into the handler map in services/handlers.ts.
 * TEMPORARY stubs while the services are written.
 */
import type { Handlers } from '../../contract/channels';
import type { workflowChannels } from '../../contract/workflow';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';

type WorkflowChannel = Exclude<keyof typeof workflowChannels, `assessment.${string}`>;

const notYet = (): never => {
  throw new ServiceError('internal', '该功能尚未完成。');
};

export const workflowHandlers = {
  'workflow.settings.get': notYet,
  'workflow.settings.update': notYet,
  'workflow.summary': notYet,
  'feedback.overview': notYet,
  'feedback.ofUnit': notYet,
  'chase.list': notYet,
  'chase.record': notYet,
  'chase.draftNotices': notYet,
  'obligations.list': notYet,
  'obligations.receive': notYet,
  'referrals.add': notYet,
  'referrals.list': notYet,
  'tasks.timeline': notYet,
} satisfies Pick<Handlers<ServiceContext>, WorkflowChannel>;

/**
 * The workflow's use cases, one per channel of `workflowChannels` (the 考核's are in assessment/handlers.ts);
 * spread into the handler map in services/handlers.ts.
 */
import type { Handlers } from '../../contract/channels';
import type { workflowChannels } from '../../contract/workflow';
import type { ServiceContext } from '../context';
import { chaseList, draftChaseNotices, recordChase } from './chase';
import { feedbackOfUnit, feedbackOverview } from './feedback';
import { listObligations, receiveObligation } from './obligations';
import { addReferral, listReferrals } from './referrals';
import { getWorkflowSettings, updateWorkflowSettings } from './settings';
import { workflowSummary } from './summary';
import { taskTimeline } from './timeline';

type WorkflowChannel = Exclude<keyof typeof workflowChannels, `assessment.${string}`>;

export const workflowHandlers = {
  'workflow.settings.get': (_input, ctx) => getWorkflowSettings(ctx),
  'workflow.settings.update': (input, ctx) => updateWorkflowSettings(ctx, input),
  'workflow.summary': (input, ctx) => workflowSummary(ctx, input.year),
  'feedback.overview': (input, ctx) => feedbackOverview(ctx, input),
  'feedback.ofUnit': (input, ctx) => feedbackOfUnit(ctx, input),
  'chase.list': (input, ctx) => chaseList(ctx, input),
  'chase.record': (input, ctx) => recordChase(ctx, input),
  'chase.draftNotices': (input, ctx) => draftChaseNotices(ctx, input),
  'obligations.list': (input, ctx) => listObligations(ctx, input),
  'obligations.receive': (input, ctx) => receiveObligation(ctx, input),
  'referrals.add': (input, ctx) => addReferral(ctx, input),
  'referrals.list': (input, ctx) => listReferrals(ctx, input),
  'tasks.timeline': (input, ctx) => taskTimeline(ctx, input.id),
} satisfies Pick<Handlers<ServiceContext>, WorkflowChannel>;

/** The annual 考核's use cases (assessment.* channels of `workflowChannels`); spread into services/handlers.ts. */
import type { Handlers } from '../../contract/channels';
import type { workflowChannels } from '../../contract/workflow';
import type { ServiceContext } from '../context';
import { getAssessmentRules, updateAssessmentRules } from './rules';
import { assessmentSheet } from './score';

type AssessmentChannel = Extract<keyof typeof workflowChannels, `assessment.${string}`>;

export const assessmentHandlers = {
  'assessment.rules.get': (_input, ctx) => getAssessmentRules(ctx),
  'assessment.rules.update': (input, ctx) => updateAssessmentRules(ctx, input),
  'assessment.sheet': (input, ctx) => assessmentSheet(ctx, input.year),
} satisfies Pick<Handlers<ServiceContext>, AssessmentChannel>;

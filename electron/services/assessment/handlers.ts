/**
 * The annual 考核's use cases (assessment.* channels of `workflowChannels`); spread into services/handlers.ts.
 * TEMPORARY stubs while the service is written.
 */
import type { Handlers } from '../../contract/channels';
import type { workflowChannels } from '../../contract/workflow';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';

type AssessmentChannel = Extract<keyof typeof workflowChannels, `assessment.${string}`>;

const notYet = (): never => {
  throw new ServiceError('internal', '该功能尚未完成。');
};

export const assessmentHandlers = {
  'assessment.rules.get': notYet,
  'assessment.rules.update': notYet,
  'assessment.sheet': notYet,
} satisfies Pick<Handlers<ServiceContext>, AssessmentChannel>;

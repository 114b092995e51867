/**
 * The document registry's use cases, one per channel of `documentChannels`; spread into the handler map
 * in services/handlers.ts.
 */
import type { Handlers, ParsedInput } from '../../contract/channels';
import { ServiceError } from '../errors';
import type { documentChannels } from '../../contract/documents';
import type { ServiceContext } from '../context';
import { startExportJob } from './export';
import { cancelJob, getJob } from './jobs';
import {
  cancelDocument,
  correctDocument,
  createDrafts,
  getDocument,
  listDocuments,
  previewNumber,
  signDocument,
  submitDocument,
  updateDraft,
} from './registry';
import { getDocumentSettings, updateDocumentSettings } from './settings';

type DocumentChannel = keyof typeof documentChannels;

export const documentHandlers = {
  'documents.settings.get': (_input, ctx) => getDocumentSettings(ctx),
  'documents.settings.update': (input, ctx) => updateDocumentSettings(ctx, input),
  'documents.draft': (input, ctx) => createDrafts(ctx, input),
  'documents.list': (input, ctx) => listDocuments(ctx, input),
  'documents.get': (input, ctx) => getDocument(ctx, input.id),
  'documents.update': (input, ctx) => updateDraft(ctx, input.id, input.model),
  'documents.submit': (input, ctx) => submitDocument(ctx, input.id),
  'documents.nextNumber': (input, ctx) => previewNumber(ctx, input.id, input.signedOn),
  'documents.sign': (input, ctx) => signDocument(ctx, input),
  'documents.cancel': (input, ctx) => cancelDocument(ctx, input.id, input.reason),
  'documents.correct': (input, ctx) => correctDocument(ctx, input.id),
  'documents.export': (input, ctx) => exportThroughHost(ctx, input),
  'jobs.get': (input, ctx) => getJob(ctx, input.jobId),
  'jobs.cancel': (input, ctx) => cancelJob(ctx, input.jobId),
} satisfies Pick<Handlers<ServiceContext>, DocumentChannel>;

/**
 * Export from the app: the host (main's folder dialog, or the e2e bridge) names the folder.
 * `jobId: null` means the user closed the dialog: nothing to do, not an error.
 */
async function exportThroughHost(ctx: ServiceContext, input: ParsedInput<'documents.export'>): Promise<{ jobId: string | null }> {
  const choose = ctx.ports.chooseExportFolder;
  if (!choose) throw new ServiceError('forbidden', '当前环境无法选择导出文件夹，请使用命令行 doc 命令导出。');
  const folder = await choose(input.ids.length === 1 ? '公文' : `${input.ids.length} 份公文`);
  if (folder === null) return { jobId: null };
  return startExportJob(ctx, input.ids, { folder, combined: input.combined, withSlip: input.withSlip });
}

/**
 * Drafting documents from the ledger: one entry point for every document type. Builders read the ledger
 * through its services and return models without a 文号 (the registry assigns one at signing), marked as
 * drafts; the officer may edit the words before export, the numbers come from here.
 */
import type { DocumentRequest, DocumentSettings } from '../../../contract/documents';
import type { ServiceContext } from '../../context';
import { draftAssessmentSheet } from './assessment-sheet';
import { draftAssignmentSheets } from './assignment-sheet';
import { draftCriticismBulletin } from './criticism-bulletin';
import { draftContextOf, type DraftContext } from './draft-context';
import type { DraftedDocument } from './drafted';
import { uniqueStems } from './file-stem';
import { draftLedgerExtract } from './ledger-extract';
import { draftLivelihoodPublication } from './livelihood-publication';
import { draftPraiseBulletin } from './praise-bulletin';
import { draftSituationBulletin } from './situation-bulletin';
import { draftSupervisionNotices } from './supervision-notice';
import { draftUrgeNotices } from './urge-notice';

export type { DraftedDocument } from './drafted';
export { formatChineseDate } from './chinese-text';

function draftByType(dc: DraftContext, request: DocumentRequest): Promise<DraftedDocument[]> {
  switch (request.type) {
    case 'assignment_sheet':
      return draftAssignmentSheets(dc, request);
    case 'supervision_notice':
      return draftSupervisionNotices(dc, request);
    case 'urge_notice':
      return draftUrgeNotices(dc, request);
    case 'situation_bulletin':
      return draftSituationBulletin(dc, request);
    case 'praise_bulletin':
      return draftPraiseBulletin(dc, request);
    case 'criticism_bulletin':
      return draftCriticismBulletin(dc, request);
    case 'livelihood_publication':
      return draftLivelihoodPublication(dc, request);
    case 'ledger_extract':
      return draftLedgerExtract(dc, request);
    case 'assessment_sheet':
      return draftAssessmentSheet(dc, request);
  }
}

/**
 * Drafts the documents a request asks for: one per unit for 督查通知书 and 催办通知, one per task for 督办单,
 * one otherwise. Throws a `ServiceError` with a Chinese message the officer can act on when the request
 * cannot make a sound document (unknown or inactive ids, dates in the past, nothing to report, a missing
 * contact).
 */
export async function draftDocuments(ctx: ServiceContext, request: DocumentRequest, settings: DocumentSettings): Promise<DraftedDocument[]> {
  const dc = await draftContextOf(ctx, settings);
  const documents = await draftByType(dc, request);
  const stems = uniqueStems(documents.map((d) => d.fileStem));
  return documents.map((d, i) => ({ ...d, fileStem: stems[i] ?? d.fileStem }));
}

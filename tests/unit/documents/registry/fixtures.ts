/** Set-up shared by the registry and export tests: a ledger with an office and an operator, and requests. */
import type { DocumentRequest, DocumentSummary } from '../../../../electron/contract/documents';
import { openTempLedger, type TempLedger } from '../../../support/temp-ledger';

export const OFFICE = '绍兴市上虞区人民政府办公室';
export const OPERATOR = '周敏';

/** Made-up ids: the stub builder does not look them up. */
export const UNIT_IDS = [
  '01890a5d-ac96-774b-bcce-b30209900001',
  '01890a5d-ac96-774b-bcce-b30209900002',
  '01890a5d-ac96-774b-bcce-b30209900003',
  '01890a5d-ac96-774b-bcce-b30209900004',
  '01890a5d-ac96-774b-bcce-b30209900005',
];
export const TASK_ID = '01890a5d-ac96-774b-bcce-b30209900101';

export async function openOfficeLedger(today = '2016-09-20'): Promise<TempLedger> {
  const t = await openTempLedger(today);
  await t.ok('app.setup', { operator: OPERATOR, officeName: OFFICE, loadDemo: false });
  return t;
}

export function requestFor(type: DocumentRequest['type'], units = 1): DocumentRequest {
  const unitIds = UNIT_IDS.slice(0, units);
  switch (type) {
    case 'supervision_notice':
      return { type, unitIds, taskIds: [TASK_ID], deadline: '2016-10-20', basis: '' };
    case 'urge_notice':
      return { type, unitIds, taskIds: [TASK_ID], newDeadline: '2016-10-10' };
    case 'praise_bulletin':
      return { type, unitIds, year: 2016, reason: '' };
    case 'criticism_bulletin':
      return { type, unitIds, taskIds: [], explanationDeadline: '2016-10-15', facts: '' };
    case 'situation_bulletin':
      return { type, source: null, year: 2016, periodFrom: '2016-01-01', periodTo: '2016-06-30' };
    case 'assignment_sheet':
      return { type, taskIds: [TASK_ID] };
    case 'livelihood_publication':
      return { type, year: 2016, quarter: 3 };
    case 'assessment_sheet':
      return { type, year: 2016, unitIds: [], basis: '' };
    case 'ledger_extract':
      return {
        type,
        title: '',
        query: {
          source: null, year: 2016, unitId: null, role: null, statuses: [], leader: null, dueFrom: null, dueTo: null, search: '',
          sortField: 'due_date', sortOrder: 'asc', offset: 0, limit: 100,
        },
      };
  }
}

/** Drafts `count` documents of a type (one per unit) through the channel. */
export async function draftMany(t: TempLedger, type: DocumentRequest['type'], count = 1): Promise<DocumentSummary[]> {
  return t.ok('documents.draft', requestFor(type, count));
}

/**
 * A stand-in for the builders (vi.mock of builders/index) for tests of the registry and the export: one
 * small official document per unit of the request (or one in all), independent of the ledger's content,
 * so that these tests are about numbering, states and files — not about what a notice says.
 */
import { DOCUMENT_TYPE_LABELS, type DocumentRequest, type DocumentSettings } from '../../../../electron/contract/documents';
import type { DraftedDocument } from '../../../../electron/services/documents/builders/index';
import { todayOf, type ServiceContext } from '../../../../electron/services/context';
import type { OfficialDocument } from '../../../../electron/services/documents/model';

export const STUB_UNIT_NAMES = ['百官街道', '曹娥街道', '东关街道', '崧厦街道', '沥海街道'];

function unitIdsOf(request: DocumentRequest): string[] {
  return 'unitIds' in request ? request.unitIds : [];
}

export async function stubDraftDocuments(ctx: ServiceContext, request: DocumentRequest, settings: DocumentSettings): Promise<DraftedDocument[]> {
  const today = todayOf(ctx);
  const label = DOCUMENT_TYPE_LABELS[request.type];
  const unitIds = unitIdsOf(request);
  const targets = unitIds.length > 0 ? unitIds.map((id, i) => ({ ids: [id], name: STUB_UNIT_NAMES[i % STUB_UNIT_NAMES.length]! })) : [{ ids: [], name: '各单位' }];
  return targets.map(({ ids, name }, i): DraftedDocument => {
    const title = `关于${name}${label}事项的${label}`;
    const model: OfficialDocument = {
      kind: 'official',
      organMark: { name: settings.organMark || settings.organName, withWenjian: settings.withWenjian },
      number: null,
      title,
      mainRecipients: name,
      body: [{ kind: 'paragraph', text: `这是第${i + 1}份${label}的正文。` }],
      signature: { organ: settings.signatureOrgan || settings.organName, date: today, withSeal: settings.withSeal },
      colophon: { cc: [...settings.cc], printer: settings.printer, printDate: today },
      draft: true,
    };
    return {
      type: request.type,
      model,
      title,
      recipients: [name],
      unitIds: ids,
      taskIds: 'taskIds' in request ? request.taskIds : [],
      fileStem: `${label}-${name}-${today}`,
    };
  });
}

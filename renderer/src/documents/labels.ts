/** What the document UI says about each document type and status: short explanations, colours, defaults. */
import type { DocumentStatus, DocumentType } from '../../../electron/contract/documents';

export interface TypeInfo {
  /** one line on the type card: what it is and what it is drafted from */
  hint: string;
  /** what the wizard produces: one per unit, one per task, or one document */
  per: 'unit' | 'task' | 'one';
  /** 公文 with 红头 and 文号, or a one-page form */
  layout: 'official' | 'form' | 'table';
}

export const TYPE_INFO: Record<DocumentType, TypeInfo> = {
  assignment_sheet: { hint: '一项一单：编号、来源、内容、牵头/配合单位、办理时限、反馈要求、督办方式、联系人。', per: 'task', layout: 'form' },
  supervision_notice: { hint: '对工作滞后的单位发出，列明存在问题、限期落实日期和报告方式。每个单位一份。', per: 'unit', layout: 'official' },
  urge_notice: { hint: '对逾期未反馈、也未说明原因的单位催办：原事项、原期限、新的反馈期限和后果。每个单位一份。', per: 'unit', layout: 'official' },
  situation_bulletin: { hint: '按来源和统计期间通报总体进展、完成率和滞后单位，附落实情况表。', per: 'one', layout: 'official' },
  praise_bulletin: { hint: '对进度快、质量高、提前完成的单位予以表扬，列出成绩和依据。', per: 'one', layout: 'official' },
  criticism_bulletin: { hint: '对落实不力的单位通报批评，限期书面说明情况并整改，纳入考核。', per: 'one', layout: 'official' },
  livelihood_publication: { hint: '十方面民生实事季度进展公示表，供报纸刊登：项目、责任单位、计划、进展。', per: 'one', layout: 'table' },
  ledger_extract: { hint: '把台账的一个筛选结果（按来源、单位、状态、期限）整理成表格公文。', per: 'one', layout: 'table' },
  assessment_sheet: { hint: '年度政务督查考核评分情况报告：评分办法、结果汇总，附各单位得分、排名和扣分加分事由。', per: 'one', layout: 'official' },
};

export const STATUS_COLORS: Record<DocumentStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  signed: 'success',
  cancelled: 'error',
};

/** Heading levels as the officer writes them (GB/T 9704 7.3.3). */
export const HEADING_LEVELS: Array<{ value: 1 | 2 | 3 | 4; label: string; sample: string }> = [
  { value: 1, label: '一级（一、黑体）', sample: '一、' },
  { value: 2, label: '二级（（一）楷体）', sample: '（一）' },
  { value: 3, label: '三级（1. 仿宋）', sample: '1.' },
  { value: 4, label: '四级（（1）仿宋）', sample: '（1）' },
];

export const QUARTER_LABELS = ['第一季度', '第二季度', '第三季度', '第四季度'];

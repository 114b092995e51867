/**
 * The words a conflict is shown in: tables and fields by their Chinese names, values as an officer reads them.
 * A field without a name here is shown as 其他内容 — never by its column name.
 */
import type { SyncedTableName } from '../../../db/schema';

export const TABLE_LABELS: Record<SyncedTableName, string> = {
  units: '单位',
  tasks: '督查事项',
  task_units: '责任单位',
  milestones: '计划节点',
  progress_reports: '进展报告',
  supervision_actions: '督办催办记录',
  holiday_overrides: '节假日调整',
  settings: '设置',
  documents: '公文',
  document_exports: '公文导出记录',
  extension_requests: '延期申请',
  obligations: '回复与整改',
  referrals: '移送纪检监察',
  conflicts: '同步冲突',
};

const COMMON: Record<string, string> = {
  deleted_hlc: '删除',
  note: '备注',
  title: '标题',
  status: '状态',
  task_id: '所属事项',
  unit_id: '单位',
  due_date: '期限',
};

const COLUMN_LABELS: Partial<Record<SyncedTableName, Record<string, string>>> = {
  tasks: {
    title: '事项名称',
    code: '序号',
    content: '工作内容',
    source: '来源',
    source_ref: '来源依据',
    source_date: '来源日期',
    leader: '责任领导',
    assigned_date: '交办日期',
    time_limit_value: '办理时限',
    time_limit_unit: '时限单位',
    due_date: '办理期限',
    rhythm: '报送节奏',
    completed_on: '办结日期',
    year: '年度',
  },
  units: {
    name: '单位名称',
    short_name: '简称',
    kind: '类别',
    leader_name: '分管负责同志',
    leader_phone: '分管负责同志电话',
    director_name: '办公室主任',
    director_phone: '办公室主任电话',
    liaison_name: '联络员',
    liaison_phone: '联络员电话',
    sort_order: '排序',
    active: '启用',
  },
  task_units: { role: '牵头/配合', contact_person: '联系人', contact_phone: '联系电话', completed_on: '办结日期' },
  milestones: { label: '节点名称', due_date: '节点日期', planned_percent: '计划进度', description: '节点说明' },
  progress_reports: {
    period: '报告期',
    report_date: '报送日期',
    percent: '完成比例',
    stage: '所处阶段',
    done_text: '工作进展',
    problems: '存在问题',
    next_steps: '下步打算',
    no_change: '与上期相比无变化',
    reporter: '报送人',
  },
  supervision_actions: { method: '方式', action_date: '日期', note: '情况', purpose: '督办/催办' },
  documents: { title: '公文标题', number: '文号', status: '状态', signer: '签发人', signed_on: '签发日期', model: '公文内容' },
  extension_requests: { reason: '延期理由', requested_date: '申请延至', approved_due_date: '批准延至', decision_note: '审批意见' },
  obligations: { due_date: '限期', received_on: '收到日期', received_note: '回复情况' },
  referrals: { reason: '移送事由', referred_on: '移送日期', referred_to: '移送机关' },
  settings: { value: '设置值' },
  holiday_overrides: { date: '日期', kind: '放假/调休上班' },
};

export function tableLabel(table: string): string {
  return TABLE_LABELS[table as SyncedTableName] ?? '其他记录';
}

export function columnLabel(table: string, column: string): string {
  return COLUMN_LABELS[table as SyncedTableName]?.[column] ?? COMMON[column] ?? '其他内容';
}

/** A stored value as the officer reads it. */
export function displayValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'string') return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (typeof value === 'number') return String(value);
  return '（复杂内容）';
}

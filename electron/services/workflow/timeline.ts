/**
 * A task's whole story (tasks.timeline): 交办, edits, reports, 督办 and 催办, documents, extensions, the answers
 * documents asked for, referrals and 办结 — each with the business date it happened and, from the change log,
 * when it was recorded, by whom, on which machine. One query per table for this task, then plain TypeScript.
 */
import { parseHlc } from '../../../db/hlc';
import type { TimelineEntry } from '../../contract/workflow';
import { OBLIGATION_KIND_LABELS, type ObligationKind } from '../../contract/workflow';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../contract/documents';
import { ACTION_METHOD_LABELS, ROLE_LABELS, type ActionMethod, type UnitRole } from '../../contract/vocabulary';
import { localIsoDate, type ServiceContext } from '../context';
import { requireTask } from '../tasks';
import { chineseDate } from './periods';

/** Who wrote one change and when (the change log's stamp). */
interface Stamp {
  hlc: string;
  recordedAt: string;
  operator: string;
  deviceId: string;
}

interface LogRow {
  row_id: string;
  column_name: string;
  value: string;
  hlc: string;
  device_id: string;
  operator: string;
}

const NO_STAMP: Stamp = { hlc: '', recordedAt: '', operator: '', deviceId: '' };

function stampOf(row: Pick<LogRow, 'hlc' | 'device_id' | 'operator'>): Stamp {
  let recordedAt = '';
  try {
    recordedAt = new Date(parseHlc(row.hlc).ms).toISOString();
  } catch {
    // A stamp that is not an HLC (a hand-edited file) leaves the time unknown rather than failing the story.
  }
  return { hlc: row.hlc, recordedAt, operator: row.operator, deviceId: row.device_id };
}

function decoded(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return null;
  }
}

/** Edited columns of a task as the office names them; columns not listed are not shown. */
const TASK_COLUMN_LABELS: Record<string, string> = {
  year: '年度',
  source: '事项来源',
  code: '序号',
  title: '事项名称',
  content: '工作内容',
  source_ref: '来源依据',
  source_date: '来源日期',
  leader: '责任领导',
  assigned_date: '交办日期',
  time_limit_value: '办理时限',
  time_limit_unit: '办理时限',
  rhythm: '报告频次',
  parent_id: '上级事项',
  note: '备注',
};

const fmt = (iso: string | null | undefined) => (iso ? chineseDate(iso) : '');

export async function taskTimeline(ctx: ServiceContext, taskId: string): Promise<TimelineEntry[]> {
  const db = ctx.ledger.db;
  const task = await requireTask(db, taskId);
  const taskLog = await db
    .selectFrom('change_log')
    .select(['row_id', 'column_name', 'value', 'hlc', 'device_id', 'operator'])
    .where('table_name', '=', 'tasks')
    .where('row_id', '=', taskId)
    .orderBy('hlc')
    .orderBy('id')
    .execute();
  const links = await db
    .selectFrom('task_units as tu')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .select(['tu.role', 'u.name'])
    .where('tu.task_id', '=', taskId)
    .where('tu.deleted_hlc', 'is', null)
    .orderBy('tu.role', 'desc')
    .orderBy('tu.created_at')
    .execute();
  const reports = await db
    .selectFrom('progress_reports as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.report_date', 'p.period', 'p.percent', 'p.stage', 'p.done_text', 'u.name as unit_name'])
    .where('p.task_id', '=', taskId)
    .where('p.deleted_hlc', 'is', null)
    .execute();
  const actions = await db
    .selectFrom('supervision_actions as a')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .select(['a.id', 'a.action_date', 'a.method', 'a.purpose', 'a.note', 'a.document_id', 'u.name as unit_name'])
    .where('a.task_id', '=', taskId)
    .where('a.deleted_hlc', 'is', null)
    .execute();
  // task_ids is a JSON array of ids: the quoted id cannot match anything else.
  const documents = await db
    .selectFrom('documents')
    .select(['id', 'type', 'title', 'number', 'status', 'drafted_at', 'signed_on', 'cancelled_at', 'cancelled_reason'])
    .where('deleted_hlc', 'is', null)
    .where('task_ids', 'like', `%"${taskId}"%`)
    .execute();
  const extensions = await db
    .selectFrom('extension_requests as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .select(['e.id', 'e.created_at', 'e.requested_date', 'e.reason', 'e.stage_progress', 'e.status', 'e.decided_on', 'e.decision_note', 'e.approved_due_date', 'u.name as unit_name'])
    .where('e.task_id', '=', taskId)
    .where('e.deleted_hlc', 'is', null)
    .execute();
  const obligations = await db
    .selectFrom('obligations as o')
    .innerJoin('units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.kind', 'o.document_id', 'o.issued_on', 'o.due_date', 'o.status', 'o.received_on', 'o.received_note', 'u.name as unit_name'])
    .where('o.deleted_hlc', 'is', null)
    .where('o.task_ids', 'like', `%"${taskId}"%`)
    .execute();
  const referrals = await db
    .selectFrom('referrals as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.id', 'r.referred_on', 'r.referred_to', 'r.reason', 'r.note', 'u.name as unit_name'])
    .where('r.task_id', '=', taskId)
    .where('r.deleted_hlc', 'is', null)
    .execute();

  const recordIds = [...reports, ...actions, ...documents, ...extensions, ...obligations, ...referrals].map((r) => r.id);
  const log: LogRow[] =
    recordIds.length === 0
      ? []
      : await db
          .selectFrom('change_log')
          .select(['row_id', 'column_name', 'value', 'hlc', 'device_id', 'operator'])
          .where('row_id', 'in', recordIds)
          // created_at is written once, by the insert; status tells the later steps of a record's life.
          .where('column_name', 'in', ['created_at', 'status'])
          .orderBy('hlc')
          .execute();
  const inserted = new Map<string, Stamp>();
  const statusSet = new Map<string, Stamp>();
  for (const row of log) {
    if (row.column_name === 'created_at') {
      if (!inserted.has(row.row_id)) inserted.set(row.row_id, stampOf(row));
    } else {
      const key = `${row.row_id}|${String(decoded(row.value))}`;
      if (!statusSet.has(key)) statusSet.set(key, stampOf(row));
    }
  }
  const insertOf = (id: string) => inserted.get(id) ?? NO_STAMP;
  const statusOf = (id: string, status: string) => statusSet.get(`${id}|${status}`) ?? NO_STAMP;

  // The stamp orders what was recorded in the same millisecond (its counter), which recordedAt cannot.
  const entries: Array<{ entry: TimelineEntry; hlc: string }> = [];
  const push = (stamp: Stamp, entry: Omit<TimelineEntry, 'recordedAt' | 'operator' | 'deviceId'>) =>
    entries.push({ entry: { ...entry, recordedAt: stamp.recordedAt, operator: stamp.operator, deviceId: stamp.deviceId }, hlc: stamp.hlc });

  // The task's own log, one write (one stamp) at a time, replayed to say what changed from what.
  const writes = new Map<string, LogRow[]>();
  for (const row of taskLog) {
    const list = writes.get(row.hlc);
    if (list) list.push(row);
    else writes.set(row.hlc, [row]);
  }
  const current = new Map<string, unknown>();
  let first = true;
  for (const rows of writes.values()) {
    const stamp = stampOf(rows[0]!);
    if (first) {
      first = false;
      for (const r of rows) current.set(r.column_name, decoded(r.value));
      const roles = (['lead', 'assist'] as const)
        .map((role) => [role, links.filter((l) => (l.role as UnitRole) === role).map((l) => l.name)] as const)
        .filter(([, names]) => names.length > 0)
        .map(([role, names]) => `${ROLE_LABELS[role]}：${names.join('、')}`);
      push(stamp, {
        kind: 'assigned',
        date: String(current.get('assigned_date') ?? task.assigned_date),
        title: `交办${roles.length > 0 ? `（${roles.join('；')}）` : ''}`,
        detail: `办理期限${fmt(String(current.get('due_date') ?? task.due_date))}`,
        unitName: null,
        documentId: null,
      });
      continue;
    }
    const edited: string[] = [];
    for (const r of rows) {
      const before = current.get(r.column_name);
      const after = decoded(r.value);
      current.set(r.column_name, after);
      if (r.column_name === 'completed_on') {
        if (typeof after === 'string') {
          push(stamp, { kind: 'completed', date: after, title: '办结', detail: '', unitName: null, documentId: null });
        } else {
          edited.push('取消办结');
        }
      } else if (r.column_name === 'due_date') {
        edited.push(`办理期限由${fmt(String(before ?? ''))}调整为${fmt(String(after ?? ''))}`);
      } else {
        const label = TASK_COLUMN_LABELS[r.column_name];
        if (label && !edited.includes(`修改${label}`)) edited.push(`修改${label}`);
      }
    }
    if (edited.length > 0) {
      const date = stamp.recordedAt ? localIsoDate(new Date(stamp.recordedAt)) : task.updated_at.slice(0, 10);
      push(stamp, { kind: 'edited', date, title: edited.join('；'), detail: '', unitName: null, documentId: null });
    }
  }

  for (const r of reports) {
    const how = r.percent !== null ? `（完成${r.percent}%）` : r.stage ? `（${r.stage}）` : '';
    push(insertOf(r.id), {
      kind: 'report',
      date: r.report_date,
      title: `${r.unit_name}报送${r.period ? `${r.period}` : ''}进展${how}`,
      detail: r.done_text,
      unitName: r.unit_name,
      documentId: null,
    });
  }
  for (const a of actions) {
    const chase = a.purpose === 'chase';
    const method = ACTION_METHOD_LABELS[a.method as ActionMethod] ?? a.method;
    push(insertOf(a.id), {
      kind: chase ? 'chase' : 'supervise',
      date: a.action_date,
      title: `${chase ? '催办' : '督办'}${a.unit_name ?? ''}（${method}）`,
      detail: a.note,
      unitName: a.unit_name,
      documentId: a.document_id,
    });
  }
  for (const d of documents) {
    const label = DOCUMENT_TYPE_LABELS[d.type as DocumentType] ?? d.type;
    const number = d.number ? `（${d.number}）` : '';
    const base = { kind: 'document' as const, unitName: null, documentId: d.id };
    push(insertOf(d.id), { ...base, date: d.drafted_at ? localIsoDate(new Date(d.drafted_at)) : '', title: `起草${label}《${d.title}》`, detail: '' });
    if (d.signed_on) push(statusOf(d.id, 'signed'), { ...base, date: d.signed_on, title: `签发${label}《${d.title}》${number}`, detail: '' });
    if (d.status === 'cancelled') {
      const date = d.cancelled_at ? localIsoDate(new Date(d.cancelled_at)) : '';
      push(statusOf(d.id, 'cancelled'), { ...base, date, title: `作废${label}《${d.title}》${number}`, detail: d.cancelled_reason ?? '' });
    }
  }
  for (const e of extensions) {
    push(insertOf(e.id), {
      kind: 'extension_requested',
      date: localIsoDate(new Date(e.created_at)),
      title: `${e.unit_name}申请延期至${fmt(e.requested_date)}`,
      detail: [e.reason, e.stage_progress ? `阶段性进展：${e.stage_progress}` : ''].filter(Boolean).join('；'),
      unitName: e.unit_name,
      documentId: null,
    });
    if (e.decided_on && (e.status === 'approved' || e.status === 'refused')) {
      push(statusOf(e.id, e.status), {
        kind: 'extension_decided',
        date: e.decided_on,
        title: e.status === 'approved' ? `批准${e.unit_name}延期至${fmt(e.approved_due_date)}` : `不予批准${e.unit_name}的延期申请`,
        detail: e.decision_note,
        unitName: e.unit_name,
        documentId: null,
      });
    }
  }
  for (const o of obligations) {
    const what = OBLIGATION_KIND_LABELS[o.kind as ObligationKind] ?? o.kind;
    const base = { kind: 'obligation' as const, unitName: o.unit_name, documentId: o.document_id };
    push(insertOf(o.id), { ...base, date: o.issued_on, title: `${o.unit_name}应于${fmt(o.due_date)}前报送${what}`, detail: '' });
    if (o.received_on) {
      const late = o.received_on > o.due_date ? '（逾期）' : '';
      push(statusOf(o.id, 'received'), { ...base, date: o.received_on, title: `收到${o.unit_name}的${what}${late}`, detail: o.received_note });
    }
    if (o.status === 'void') {
      const stamp = statusOf(o.id, 'void');
      const date = stamp.recordedAt ? localIsoDate(new Date(stamp.recordedAt)) : o.issued_on;
      push(stamp, { ...base, date, title: `${o.unit_name}的${what}随公文作废`, detail: '' });
    }
  }
  for (const r of referrals) {
    push(insertOf(r.id), {
      kind: 'referral',
      date: r.referred_on,
      title: `将${r.unit_name}移送${r.referred_to}`,
      detail: [r.reason, r.note].filter(Boolean).join('；'),
      unitName: r.unit_name,
      documentId: null,
    });
  }
  return entries
    .sort((a, b) => a.entry.date.localeCompare(b.entry.date) || a.entry.recordedAt.localeCompare(b.entry.recordedAt) || a.hlc.localeCompare(b.hlc))
    .map((e) => e.entry);
}

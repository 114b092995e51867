/**
 * 督办单 (交办单 for 领导批示 and 信箱 items, which the office 转办): one page per task with everything the
 * responsible unit needs to act on it — source, content, 牵头/配合, time limit, how and when to report
 * back, and whom to call on both sides.
 */
import type { TaskDetail, TaskUnitLink, Unit } from '../../../contract/types';
import { ACTION_METHOD_LABELS, type Rhythm } from '../../../contract/vocabulary';
import { ServiceError } from '../../errors';
import { LIMITS } from '../layout/validate';
import type { FormDocument, FormField } from '../model';
import { formatChineseDate, joinNames, joinNamesCapped, truncateText } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { requireTaskDetails, unitDirectory } from './ledger-reads';
import { officeContact } from './official-frame';
import { sourceLine, timeLimitText } from './task-facts';

/** Regular reports by rhythm (seed notice 一(一)–(六)); deadline items report when done or asked. */
const RHYTHM_FEEDBACK: Record<Exclude<Rhythm, 'deadline'>, string> = {
  half_yearly: '按半年报送工作进展情况，每半年结束后5个工作日内报送',
  quarterly: '按季度报送工作进展情况，每季度结束后5个工作日内报送',
  monthly: '按月报送工作进展情况，每月结束后5个工作日内报送',
};

function feedbackRequirement(dc: DraftContext, detail: TaskDetail): string {
  const task = detail.task;
  const regular =
    task.rhythm === 'deadline'
      ? `请于${formatChineseDate(task.dueDate)}前将办理情况书面报${dc.words.reportTo}`
      : `${RHYTHM_FEEDBACK[task.rhythm]}至${dc.words.reportTo}`;
  const urgent = task.source === 'instruction' ? '特事特办、随办随报；' : '';
  return `${urgent}${regular}；办结后3个工作日内书面反馈办理结果；确需延长办理时限的，应在期限届满前书面报告原因及阶段性进展。`;
}

/** Who answers for the unit on this task: the task's own contact, else the unit's 联络员, 办公室主任, 分管负责同志. */
function unitContact(link: TaskUnitLink, unit: Unit | undefined): string | null {
  if (link.contactPerson && link.contactPhone) return `${link.contactPerson}，联系电话：${link.contactPhone}`;
  const candidates: Array<[string, string]> = unit
    ? [
        [unit.liaisonName, unit.liaisonPhone],
        [unit.directorName, unit.directorPhone],
        [unit.leaderName, unit.leaderPhone],
      ]
    : [];
  const found = candidates.find(([name, phone]) => name && phone);
  return found ? `${found[0]}，联系电话：${found[1]}` : null;
}

function leadContacts(detail: TaskDetail, leads: TaskUnitLink[], directory: Map<string, Unit>): string {
  const lines = leads.map((link) => {
    const contact = unitContact(link, directory.get(link.unitId));
    if (contact === null) {
      throw new ServiceError(
        'invalid_input',
        `督办单要写明承办单位联系人，但“${link.unitName}”没有联系人和电话。请在“单位”页填写该单位的联络员及电话，或在事项“${truncateText(detail.task.title, 20)}”中填写该单位的联系人后再生成。`,
        { taskIds: `${link.unitName}缺少联系人` },
      );
    }
    return leads.length > 1 ? `${link.unitName}：${contact}` : contact;
  });
  return lines.join('；');
}

function methods(detail: TaskDetail): string {
  const used = new Set(detail.actions.map((a) => a.method));
  used.add('written');
  return joinNames((['written', 'phone', 'onsite'] as const).filter((m) => used.has(m)).map((m) => ACTION_METHOD_LABELS[m]));
}

function sheetFor(dc: DraftContext, detail: TaskDetail, directory: Map<string, Unit>, contact: string): DraftedDocument {
  const task = detail.task;
  const leads = detail.units.filter((u) => u.role === 'lead');
  const assists = detail.units.filter((u) => u.role === 'assist');
  const fields: FormField[] = [
    { label: '督办事项', value: task.title, wide: true },
    { label: '事项来源', value: sourceLine(task), wide: true },
    { label: '工作内容及要求', value: truncateText(task.content || task.title, LIMITS.formValue), wide: true, minLines: 4 },
    { label: '牵头单位', value: joinNames(leads.map((u) => u.unitName)) },
    { label: '配合单位', value: assists.length > 0 ? joinNames(assists.map((u) => u.unitName)) : '无' },
    { label: '责任领导', value: task.leader || '—' },
    { label: '交办日期', value: formatChineseDate(task.assignedDate) },
    { label: '办理时限', value: timeLimitText(task) },
    { label: '督办方式', value: methods(detail) },
    { label: '反馈要求', value: feedbackRequirement(dc, detail), wide: true, minLines: 2 },
    { label: '承办人', value: leadContacts(detail, leads, directory), wide: true },
    { label: '督办人', value: contact, wide: true },
    { label: '备注', value: task.note, wide: true, minLines: 2 },
  ];
  const model: FormDocument = {
    kind: 'form',
    organ: dc.settings.organName,
    title: task.source === 'instruction' ? '交办单' : '督办单',
    numberLine: `编号：${task.code || `〔${task.year}〕　　号`}`,
    fields,
    footer: `${dc.settings.organName}　${formatChineseDate(dc.today)}`,
    draft: true,
  };
  return drafted('assignment_sheet', model, dc.today, {
    recipients: detail.units.map((u) => u.unitName),
    unitIds: detail.units.map((u) => u.unitId),
    taskIds: [task.id],
    nameParts: [task.code || truncateText(task.title, 16), joinNamesCapped(leads.map((u) => u.unitName), 2, '个单位')],
    registryTitle: `${model.title}：${truncateText(task.title, 60)}`,
  });
}

export async function draftAssignmentSheets(dc: DraftContext, request: RequestOf<'assignment_sheet'>): Promise<DraftedDocument[]> {
  const office = officeContact(dc, '督办单');
  const contact = `${office.name}${dc.settings.department ? `（${dc.settings.department}）` : ''}，联系电话：${office.phone}`;
  const details = await requireTaskDetails(dc.ctx, request.taskIds);
  const directory = await unitDirectory(dc.ctx);
  return details.map((detail) => sheetFor(dc, detail, directory, contact));
}

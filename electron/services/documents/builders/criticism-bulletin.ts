/**
 * 批评通报 (seed 二(二), 三(三)): the facts (the officer's words, or the ledger's: which items are how long
 * overdue, how far behind, unreported since when), the 通报批评, the deadline for a written 情况说明 and
 * 整改报告, the 考核 deduction, and referral to 纪检监察 for serious failures.
 */
import type { TaskDetail, TaskUnitLink, Unit } from '../../../contract/types';
import { ServiceError } from '../../errors';
import type { Attachment, Block } from '../model';
import { formatChineseDate, formatPercent, joinNames, joinNamesCapped, plainTitle, quoted, sentence } from './chinese-text';
import type { DraftContext } from './draft-context';
import { drafted, type DraftedDocument, type RequestOf } from './drafted';
import { allLedgerRows, requireActiveUnits, requireTaskDetails } from './ledger-reads';
import { officeContact, officialDocument, paragraph } from './official-frame';
import { requireDeadline } from './request-checks';
import { lagClauses } from './task-facts';
import { snapshotAt, type TaskSnapshot } from './task-snapshot';

interface Finding {
  unit: Unit;
  items: Array<{ snapshot: TaskSnapshot; link: TaskUnitLink }>;
}

/**
 * The tasks each unit is criticised for: the chosen ones it is responsible for, or — when none were
 * chosen — every task it leads that is overdue or behind today.
 */
async function findingsOf(dc: DraftContext, units: Unit[], request: RequestOf<'criticism_bulletin'>): Promise<Finding[]> {
  const chosen = request.taskIds.length > 0 ? await requireTaskDetails(dc.ctx, request.taskIds) : null;
  const findings: Finding[] = [];
  for (const unit of units) {
    let details: TaskDetail[];
    if (chosen) details = chosen;
    else {
      const rows = await allLedgerRows(dc.ctx, { unitId: unit.id, role: 'lead', statuses: ['overdue', 'behind'] }, { sortField: 'due_date', sortOrder: 'asc' });
      details = await requireTaskDetails(
        dc.ctx,
        rows.map((r) => r.id),
      );
    }
    const items = details.flatMap((detail) => {
      const link = detail.units.find((l) => l.unitId === unit.id);
      return link ? [{ snapshot: snapshotAt(detail, dc.today, dc.calendar, dc.dueSoonWorkdays), link }] : [];
    });
    if (items.length === 0 && request.facts === '') {
      const why = chosen ? `不是所选事项的责任单位` : `目前没有逾期或滞后于计划的牵头事项`;
      throw new ServiceError('invalid_input', `${unit.name}${why}，台账中找不到通报批评的事实。请填写通报事实，或选择该单位的具体事项。`, {
        facts: '请填写通报事实',
      });
    }
    findings.push({ unit, items });
  }
  return findings;
}

function factParagraphs(findings: Finding[]): Block[] {
  return findings
    .filter((f) => f.items.length > 0)
    .map((f) => {
      const tasks = f.items.map(({ snapshot, link }) => `${quoted(plainTitle(snapshot.detail.task.title))}${lagClauses(snapshot, link).join('，')}`);
      return paragraph(`${f.unit.name}承担的${tasks.join('；')}。`);
    });
}

function findingList(findings: Finding[]): Attachment | null {
  const rows = findings.flatMap((f) =>
    f.items.map(({ snapshot, link }) => [
      snapshot.detail.task.title,
      f.unit.name,
      formatChineseDate(snapshot.detail.task.dueDate),
      formatPercent(snapshot.latestPercent),
      lagClauses(snapshot, link).join('；'),
    ]),
  );
  if (rows.length === 0) return null;
  return {
    title: '被通报事项清单',
    landscape: true,
    blocks: [
      {
        kind: 'table',
        fontSize: 'small',
        columns: [
          { title: '序号', width: 4 },
          { title: '事项', width: 26 },
          { title: '责任单位', width: 12 },
          { title: '办理期限', width: 11 },
          { title: '当前进度', width: 7 },
          { title: '存在问题', width: 40 },
        ],
        rows: rows.map((r, i) => [String(i + 1), ...r]),
      },
    ],
  };
}

export async function draftCriticismBulletin(dc: DraftContext, request: RequestOf<'criticism_bulletin'>): Promise<DraftedDocument[]> {
  requireDeadline(dc, request.explanationDeadline, '情况说明报送期限', 'explanationDeadline');
  const contact = officeContact(dc, '批评通报').line;
  const units = await requireActiveUnits(dc.ctx, request.unitIds);
  const findings = await findingsOf(dc, units, request);
  const names = units.map((u) => u.name);
  const gov = dc.words.government;
  const facts = request.facts ? request.facts.split(/\n+/u).filter((p) => p.trim() !== '').map((p) => paragraph(sentence(p))) : factParagraphs(findings);
  const attachment = findingList(findings);
  const body: Block[] = [
    paragraph(
      `近期，${dc.words.office}在督查中发现，个别单位对${gov}决策部署落实不力，督查事项推进迟缓，有的逾期未办结，有的未按规定报告反馈办理情况。具体情况如下：`,
    ),
    ...facts,
    ...(attachment ? [paragraph('被通报事项详见附件。')] : []),
    paragraph(
      `上述单位的问题，影响了${gov}决策部署的贯彻落实。为严肃政令、确保政令畅通，根据督查通报制度有关规定，经${gov}同意，决定对${joinNames(names)}予以通报批评。`,
    ),
    paragraph(
      `请被通报批评的单位认真反思、深刻剖析原因，于${formatChineseDate(request.explanationDeadline)}前将书面情况说明和整改报告报${dc.words.reportTo}。根据年度目标责任制考核有关规定，对被通报批评的单位在年度考核中按规定扣分。`,
    ),
    paragraph('对整改不力、问题严重，或在督查中发现存在失职渎职、违纪违法等情形的，移送纪检监察部门调查处理，严肃追究责任。'),
    paragraph(`各乡镇（街道）、部门单位要引以为戒、举一反三，切实增强抓落实的责任感和紧迫感，确保${gov}各项决策部署落到实处。`),
  ];
  const model = officialDocument(dc, {
    title: units.length === 1 ? `关于对${names[0]!}予以通报批评的通报` : `关于对${names[0]!}等${units.length}个单位予以通报批评的通报`,
    mainRecipients: dc.words.allUnits,
    body,
    attachments: attachment ? [attachment] : [],
    note: contact,
    withColophon: true,
  });
  return [
    drafted('criticism_bulletin', model, dc.today, {
      recipients: [dc.words.allUnits],
      unitIds: units.map((u) => u.id),
      taskIds: findings.flatMap((f) => f.items.map((i) => i.snapshot.detail.task.id)),
      nameParts: [joinNamesCapped(names, 1, '个单位')],
    }),
  ];
}

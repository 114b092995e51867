/** Every document type drafts from the demo ledger, on the demo's two reference dates, into plausible text. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_TYPES, documentRequest, type DocumentRequest, type DocumentType } from '../../../../electron/contract/documents';
import type { TaskRow, Unit } from '../../../../electron/contract/types';
import { draftDocuments, type DraftedDocument } from '../../../../electron/services/documents/builders/index';
import { snapshotAt } from '../../../../electron/services/documents/builders/task-snapshot';
import { validateModel } from '../../../../electron/services/documents/layout/validate';
import { renderDocx } from '../../../../electron/services/documents/layout/index';
import { find, num, readDocx, runFonts, runSizes } from '../../../support/docx-reader';
import { calendarOf, dueSoonWorkdaysOf } from '../../../../electron/services/holidays';
import { openTempLedger, type TempLedger } from '../../../support/temp-ledger';
import { allStrings, allText } from './model-text';
import { OFFICE, settingsFor } from './small-ledger';

const WINDOWS_ILLEGAL = /[\\/:*?"<>|\u0000-\u001f]/u;

describe.each(['2016-09-20', '2026-11-26'])('the demo ledger on %s', (today) => {
  let t: TempLedger;
  let rows: TaskRow[];
  let units: Unit[];
  const year = Number(today.slice(0, 4));
  const deadline = `${year}-12-15`; // a Tuesday in 2016, a Tuesday in 2026
  const drafted = new Map<DocumentType, DraftedDocument[]>();

  beforeAll(async () => {
    t = await openTempLedger(today);
    await t.ok('app.setup', { operator: '周敏', officeName: OFFICE, loadDemo: true });
    rows = (await t.ok('tasks.list', { limit: 500 })).rows;
    units = await t.ok('units.list', {});
  });
  afterAll(async () => t.close());

  const unitId = (name: string) => units.find((u) => u.name === name)!.id;
  const withStatus = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status));
  const leadsOf = (list: TaskRow[]) => [...new Set(list.flatMap((r) => r.leadUnits.split('、')))].map(unitId);

  function requestFor(type: DocumentType): DocumentRequest {
    const overdue = withStatus('overdue');
    const lagging = withStatus('overdue', 'behind');
    const done = withStatus('done');
    const input = {
      assignment_sheet: { type, taskIds: rows.slice(0, 12).map((r) => r.id) },
      supervision_notice: { type, unitIds: leadsOf(lagging).slice(0, 6), taskIds: lagging.map((r) => r.id), deadline },
      urge_notice: { type, unitIds: leadsOf(overdue), taskIds: overdue.map((r) => r.id), newDeadline: deadline },
      situation_bulletin: { type, source: 'work_report', year, periodFrom: `${year}-01-01`, periodTo: `${year}-06-30` },
      praise_bulletin: { type, unitIds: leadsOf(done).slice(0, 4), year },
      criticism_bulletin: { type, unitIds: leadsOf(overdue).slice(0, 2), explanationDeadline: deadline },
      livelihood_publication: { type, year, quarter: 3 },
      ledger_extract: { type, query: { year, statuses: ['overdue', 'behind'] } },
      assessment_sheet: { type, year },
    }[type];
    return documentRequest.parse(input);
  }

  it.each(DOCUMENT_TYPES)('drafts %s', async (type) => {
    const docs = await draftDocuments(t.ctx, requestFor(type), settingsFor());
    expect(docs.length).toBeGreaterThan(0);
    drafted.set(type, docs);
    for (const doc of docs) {
      expect(doc.type).toBe(type);
      expect(doc.title.length).toBeGreaterThanOrEqual(3); // 督办单
      // A form is listed under its heading and its task (every 督办单 is headed 督办单); a 公文 under its title.
      if (doc.model.kind === 'form') expect(doc.title).toMatch(new RegExp(`^${doc.model.title}：.+`));
      else expect(doc.title).toBe(doc.model.title);
      expect(doc.model.draft).toBe(true);
      if (doc.model.kind === 'official') expect(doc.model.number).toBeNull();
      // What the layout engine will typeset: no field too long, no table too wide.
      expect(() => validateModel(doc.model)).not.toThrow();
      expect(doc.fileStem).not.toMatch(WINDOWS_ILLEGAL);
      expect(doc.fileStem).not.toMatch(/[.\s]$/u);
      expect(doc.fileStem).toContain(today);
      for (const text of allStrings(doc.model)) expect(text, `${type}: ${text}`).not.toMatch(/undefined|null|NaN|\[object/u);
      // Units are named in the document itself, not only in its metadata.
      const text = allText(doc.model);
      const named = units.filter((u) => text.includes(u.name));
      expect(named.length, `${type} ${doc.title}`).toBeGreaterThan(0);
      for (const name of doc.recipients.filter((r) => !r.startsWith('各'))) expect(text).toContain(name);
    }
  });

  it.each(DOCUMENT_TYPES)('lays %s out per GB/T 9704 when rendered (read back from the .docx)', async (type) => {
    const doc = (drafted.get(type) ?? (await draftDocuments(t.ctx, requestFor(type), settingsFor())))[0]!;
    const docx = await readDocx(await renderDocx(doc.model, { fontMode: 'gb2312' }));
    const first = docx.sections[0]!;
    expect([num(first, 'w:pgSz', 'w:w'), num(first, 'w:pgSz', 'w:h')]).toEqual([11906, 16838]);
    expect(Math.abs(num(first, 'w:pgMar', 'w:top')! - 2098)).toBeLessThanOrEqual(57);
    expect(Math.abs(num(first, 'w:pgMar', 'w:left')! - 1588)).toBeLessThanOrEqual(57);
    // Every run with text names its East Asian font, so Word and WPS do not fall back to a Latin one.
    const fonts = runFonts(docx.body);
    expect(fonts.length).toBeGreaterThan(5);
    for (const f of fonts) expect(f['w:eastAsia'], JSON.stringify(f)).toMatch(/仿宋_GB2312|方正小标宋简体|黑体|楷体_GB2312|宋体/);
    const sizes = runSizes(docx.body);
    if (doc.model.kind === 'official') {
      expect(sizes).toContain(32); // 3号 body
      expect(sizes).toContain(44); // 2号 title
      expect(docx.document).toContain('FF0000'); // 红头 and the red rule
      expect(docx.settings).toContain('w:evenAndOddHeaders');
      expect(docx.footer('default')).toMatch(/PAGE/);
      expect(docx.footer('even')).toMatch(/PAGE/);
    } else {
      expect(sizes).toContain(44); // the form's title
      expect(find(docx.body, 'w:tbl')).toBeDefined();
    }
  });

  it('gives per-unit documents one file per unit and distinct file names in a batch', () => {
    for (const type of ['urge_notice', 'supervision_notice', 'assignment_sheet'] as const) {
      const docs = drafted.get(type) ?? [];
      expect(docs.length, type).toBeGreaterThan(1);
      expect(new Set(docs.map((d) => d.fileStem)).size).toBe(docs.length);
    }
    for (const doc of drafted.get('urge_notice') ?? []) expect(doc.recipients).toHaveLength(1);
  });

  it('reads every task today exactly as the ledger does', async () => {
    const calendar = await calendarOf(t.ctx);
    const dueSoon = await dueSoonWorkdaysOf(t.ctx);
    for (const row of rows) {
      const detail = await t.ok('tasks.get', { id: row.id });
      const snapshot = snapshotAt(detail, today, calendar, dueSoon);
      expect(snapshot.status, row.title).toBe(row.status);
      expect(snapshot.latestPercent, row.title).toBe(row.latestPercent);
      expect(snapshot.plannedPercent, row.title).toBe(row.plannedPercent);
    }
  });
});

/**
 * With the real builders and layout engine on the demo ledger: an export is a valid .docx holding the 文号,
 * the 发文稿纸 is typeset, and exporting the same stored document again gives identical bytes.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDocuments } from '../../../../electron/services/documents/export';
import { tempDir, type TempLedger } from '../../../support/temp-ledger';
import { openTempLedger } from '../../../support/temp-ledger';

let t: TempLedger;
let folder: string;
beforeAll(async () => {
  t = await openTempLedger('2016-09-20');
  await t.ok('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
  const settings = await t.ok('documents.settings.get', {});
  await t.ok('documents.settings.update', { ...settings, contactName: '周敏', contactPhone: '0575-82112345' });
  folder = tempDir('ledger-export-real-');
}, 60_000);
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await t.close();
});

/** The document's visible text: every w:t of word/document.xml, joined. */
async function documentText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

describe('export with the real layout engine', () => {
  it('writes a signed notice and its 发文稿纸 as valid .docx files, and the same bytes again on re-export', async () => {
    const overdue = await t.ok('tasks.list', { statuses: ['overdue'], limit: 1 });
    const task = overdue.rows[0]!;
    const units = await t.ok('units.list', { includeInactive: false });
    const unit = units.find((u) => u.name === task.leadUnits)!;
    const [draft] = await t.ok('documents.draft', { type: 'urge_notice', unitIds: [unit.id], taskIds: [task.id], newDeadline: '2016-09-30' });
    const signed = await t.ok('documents.sign', { id: draft!.id, signer: '王区长', signedOn: '2016-09-20' });
    expect(signed.number).toBe('虞政办催〔2016〕1号');

    const first = await exportDocuments(t.ctx, [signed.id], { folder, combined: false, withSlip: true });
    const second = await exportDocuments(t.ctx, [signed.id], { folder, combined: false, withSlip: true });
    expect(first.files.map((f) => path.basename(f))).toEqual([`${signed.fileStem}.docx`, `${signed.fileStem}-发文稿纸.docx`]);
    expect(second.files.map((f) => path.basename(f))).toEqual([`${signed.fileStem}-2.docx`, `${signed.fileStem}-发文稿纸-2.docx`]);

    const text = await documentText(first.files[0]!);
    expect(text).toContain('虞政办催〔2016〕1号');
    expect(text).toContain(unit.name);
    expect(text).not.toContain('草稿');
    const slip = await documentText(first.files[1]!);
    expect(slip).toContain('发文稿纸');
    expect(slip).toContain('虞政办催〔2016〕1号');
    expect(slip).toContain('王区长');

    expect(readFileSync(second.files[0]!).equals(readFileSync(first.files[0]!))).toBe(true);
    expect(readFileSync(second.files[1]!).equals(readFileSync(first.files[1]!))).toBe(true);
    const record = await t.ok('documents.get', { id: signed.id });
    expect(record.exports).toHaveLength(4);
    expect(new Set(record.exports.map((e) => e.sha256)).size).toBe(2);
  });

  it('writes a combined export as exactly one valid .docx holding every document’s title, each from page 1', async () => {
    const overdue = await t.ok('tasks.list', { statuses: ['overdue'], limit: 2 });
    const units = await t.ok('units.list', { includeInactive: false });
    const unitIds = [...new Set(overdue.rows.map((task) => units.find((u) => u.name === task.leadUnits)!.id))];
    const notices = await t.ok('documents.draft', { type: 'urge_notice', unitIds, taskIds: overdue.rows.map((task) => task.id), newDeadline: '2016-09-30' });
    const [sheet] = await t.ok('documents.draft', { type: 'assignment_sheet', taskIds: [overdue.rows[0]!.id] });
    const ids = [...notices.map((d) => d.id), sheet!.id];
    const own = tempDir('ledger-export-combined-');
    try {
      const result = await exportDocuments(t.ctx, ids, { folder: own, combined: true });
      expect(result.files).toHaveLength(1);
      expect(readdirSync(own)).toEqual([path.basename(result.files[0]!)]);
      expect(path.basename(result.files[0]!)).toMatch(new RegExp(`^公文-合订-${ids.length}份-2016-09-20-草稿\\.docx$`));
      const text = await documentText(result.files[0]!);
      for (const id of ids) {
        const record = await t.ok('documents.get', { id });
        expect(text).toContain(record.model.title);
        expect(record.exports).toEqual([expect.objectContaining({ fileName: path.basename(result.files[0]!) })]);
      }
      const xml = await (await JSZip.loadAsync(readFileSync(result.files[0]!))).file('word/document.xml')!.async('string');
      expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(ids.length);
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

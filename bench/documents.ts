/**
 * How long documents take on this machine (a benchmark to run by hand, not a test):
 *   npx tsx bench/documents.ts
 * 1. One 督查通知书: rendering the stored model to .docx, median of several runs, and the whole export
 *    (render, write, fsync, record).
 * 2. A batch of 100 督查通知书, one per unit: drafting from the ledger, then exporting 100 files.
 * The ledger is the demo ledger plus 100 extra units, each leading one overdue task.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { exportDocuments } from '../electron/services/documents/export';
import { renderDocx } from '../electron/services/documents/layout/index';
import { openDemoOffice, type DemoOffice } from '../scripts/documents/demo-office';

const TODAY = '2026-11-26';
const RUNS = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

/** 100 units, each leading one task that is overdue today. */
async function addLaggingUnits(office: DemoOffice, count: number): Promise<string[]> {
  const unitIds: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const unit = await office.call('units.create', {
      name: `测试单位${i}`,
      kind: 'department',
      liaisonName: `联络员${i}`,
      liaisonPhone: `0575-8200${String(i).padStart(4, '0')}`,
    });
    await office.call('tasks.create', {
      year: 2026,
      source: 'special',
      code: `测${i}`,
      title: `专项督查整改事项${i}`,
      content: '按督查意见完成整改并书面报告。',
      assignedDate: '2026-09-01',
      dueDate: '2026-10-30',
      units: [{ unitId: unit.id, role: 'lead', contactPerson: `联络员${i}`, contactPhone: '0575-82000000' }],
    });
    unitIds.push(unit.id);
  }
  return unitIds;
}

export interface DocumentsMeasurement {
  /** one 督查通知书, rendering the stored model to .docx, per run */
  renderMs: number[];
  /** one 督查通知书, the whole export (render, write, fsync, record), per run */
  exportMs: number[];
  /** the batch of per-unit notices */
  batchCount: number;
  batchDraftMs: number;
  batchExportMs: number;
}

/** Measures the notices (see the header); `units` is the size of the per-unit batch. */
export async function measureDocuments(runs = RUNS, units = 100): Promise<DocumentsMeasurement> {
  const office = await openDemoOffice(TODAY);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  try {
    const deadline = office.workdaysAhead(10);
    const unitIds = await addLaggingUnits(office, units);
    const settings = await office.call('documents.settings.get', {});

    const [one] = await office.call('documents.draft', await noticeRequest(office, unitIds.slice(0, 1), deadline));
    const record = await office.call('documents.get', { id: one!.id });
    await renderDocx(record.model, { fontMode: settings.fontMode }); // warm-up: the first run loads and compiles the code
    const renders: number[] = [];
    for (let i = 0; i < runs; i += 1) renders.push((await timed(() => renderDocx(record.model, { fontMode: settings.fontMode })))[1]);
    const exports: number[] = [];
    for (let i = 0; i < runs; i += 1) exports.push((await timed(() => exportDocuments(office.ctx, [one!.id], { folder, combined: false })))[1]);

    const request = await noticeRequest(office, unitIds, deadline);
    const [drafts, draftTime] = await timed(() => office.call('documents.draft', request));
    const [batch, exportTime] = await timed(() => exportDocuments(office.ctx, drafts.map((d) => d.id), { folder, combined: false }));

    return { renderMs: renders, exportMs: exports, batchCount: batch.files.length, batchDraftMs: draftTime, batchExportMs: exportTime };
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await office.close();
  }
}

/** A 督查通知书 request for these units about the tasks they lead. */
async function noticeRequest(office: DemoOffice, unitIds: string[], deadline: string) {
  const taskIds: string[] = [];
  for (const unitId of unitIds) {
    const page = await office.call('tasks.list', { unitId, statuses: ['overdue', 'behind'], limit: 500 });
    taskIds.push(...page.rows.map((r) => r.id));
  }
  return { type: 'supervision_notice' as const, unitIds, taskIds, deadline, basis: '' };
}

async function main(): Promise<void> {
  const m = await measureDocuments();
  const { renderMs: renders, exportMs: exports } = m;
  const total = m.batchDraftMs + m.batchExportMs;
  console.log(`督查通知书 1 份：排版生成 .docx 中位数 ${ms(median(renders))}（${RUNS} 次，最快 ${ms(Math.min(...renders))}，最慢 ${ms(Math.max(...renders))}）`);
  console.log(`督查通知书 1 份：导出（排版、写盘、fsync、登记）中位数 ${ms(median(exports))}`);
  console.log(`督查通知书 ${m.batchCount} 份（每单位一份）：起草 ${ms(m.batchDraftMs)}，导出 ${m.batchCount} 个文件 ${ms(m.batchExportMs)}，合计 ${ms(total)}，平均每份 ${ms(total / m.batchCount)}`);
  console.log(`（${os.cpus()[0]?.model ?? '未知处理器'}，${os.cpus().length} 核，Node ${process.version}）`);
}

// Run by hand (not when bench/run.ts imports this file).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}

/**
 * How long the Excel import takes on this machine (a benchmark to run by hand, not a test):
 *   npx tsx bench/xlsx-import.ts
 * A 细化分解表 of 171 rows (the 2016 政府工作报告) and one of 10,000 rows, each with a title row, a two-row merged
 * header, 2–3 units per row and quarterly plans: preview (read + parse + check), commit (read + parse + one
 * transaction), and re-import (every row matched, nothing changed); for each, the longest stretch the event loop
 * was blocked (the transaction is one such stretch: inside it nothing but the database is awaited), and the
 * process's CPU time (less disturbed than wall time on a shared machine).
 *
 * The commit follows its preview, as in the app: it reuses the sheet the preview read (same bytes). The re-import
 * reads the file again. Each size gets an empty ledger with 10 units, or, with BENCH_XLSX_LEDGER=<file>, a copy of
 * that ledger (e.g. the synthetic 100,000-task one; the sheet's year 2016 is not in it, so every row is new).
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { closeAppContext, openAppContext } from '../electron/services/context';
import { createUnit } from '../electron/services/units';
import { commitXlsxImport, previewXlsxImport } from '../electron/services/xlsx';

const UNITS = ['区发改局', '区财政局', '区住建局', '区经信局', '百官街道', '曹娥街道', '道墟镇', '区教育体育局', '区卫计局', '区民政局'];
const DATES = ['2016年6月底', '年底前', '9月30日前', '长期坚持', '三季度末', '2016-11-30'];

async function sheetOf(rows: number, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('细化分解表');
  ws.getCell('A1').value = '2016年政府工作报告目标任务细化分解表';
  ws.mergeCells('A1:J1');
  ['序号', '工作任务', '责任领导', '牵头单位', '配合单位', '完成时限', '季度计划'].forEach((t, i) => (ws.getRow(2).getCell(i + 1).value = t));
  for (const c of ['A', 'B', 'C', 'D', 'E', 'F']) ws.mergeCells(`${c}2:${c}3`);
  ws.mergeCells('G2:J2');
  ['一季度', '二季度', '三季度', '四季度'].forEach((t, i) => (ws.getRow(3).getCell(7 + i).value = t));
  for (let i = 1; i <= rows; i += 1) {
    ws.addRow([i, `第${i}项重点工作：推进项目建设并按期完成年度目标`, '金立明', UNITS[i % UNITS.length], `${UNITS[(i + 3) % UNITS.length]}、${UNITS[(i + 5) % UNITS.length]}`, DATES[i % DATES.length], '启动', '完成30%', '完成70%', '全面完成']);
  }
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

export interface XlsxImportMeasurement {
  rows: number;
  previewMs: number;
  previewBlockMs: number;
  commitMs: number;
  commitBlockMs: number;
  created: number;
  /** CPU time of the process (user + system) during preview, commit, re-import */
  previewCpuMs: number;
  commitCpuMs: number;
  againCpuMs: number;
  againMs: number;
  againBlockMs: number;
  unchanged: number;
  /** rows the preview found importable */
  creatable: number;
}

/**
 * Measures preview, import and re-import of a generated sheet of each size (one run each, a fresh ledger per
 * size: empty, or a copy of `intoLedger`).
 */
export async function measureXlsxImport(sizes: readonly number[] = [171, 10_000], intoLedger?: string): Promise<XlsxImportMeasurement[]> {
  const results: XlsxImportMeasurement[] = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
  try {
    for (const rows of sizes) {
      const file = path.join(dir, `${rows}.db`);
      // A copy: the cached ledger is never written to.
      if (intoLedger) copyFileSync(intoLedger, file);
      const ctx = openAppContext({ file, now: () => new Date(2016, 8, 20, 10) });
      const present = new Set((await ctx.ledger.db.selectFrom('units').select('name').where('deleted_hlc', 'is', null).execute()).map((u) => u.name));
      for (const name of UNITS.filter((n) => !present.has(n))) {
        await createUnit(ctx, { name, shortName: '', kind: name.endsWith('街道') ? 'subdistrict' : name.endsWith('镇') ? 'township' : 'department', leaderName: '', leaderPhone: '', directorName: '', directorPhone: '', liaisonName: '', liaisonPhone: '', sortOrder: 0 });
      }
      const sheet = path.join(dir, `${rows}.xlsx`);
      await sheetOf(rows, sheet);
      // The longest stretch the event loop could not run a 10 ms timer, per phase.
      let longest = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longest = Math.max(longest, now - last - 10);
        last = now;
      }, 10);
      const phase = async <T>(work: () => Promise<T>): Promise<[T, number, number, number]> => {
        longest = 0;
        last = performance.now();
        const start = performance.now();
        const cpu = process.cpuUsage();
        const value = await work();
        const ms = performance.now() - start;
        const used = process.cpuUsage(cpu);
        longest = Math.max(longest, performance.now() - last - 10);
        return [value, ms, Math.max(0, longest), (used.user + used.system) / 1000];
      };
      const request = { file: sheet, source: 'work_report' as const, year: 2016 };
      const [preview, previewMs, previewBlock, previewCpu] = await phase(() => previewXlsxImport(ctx, request));
      const [first, commitMs, commitBlock, commitCpu] = await phase(() => commitXlsxImport(ctx, request));
      const [again, againMs, againBlock, againCpu] = await phase(() => commitXlsxImport(ctx, request));
      clearInterval(timer);
      results.push({
        rows,
        previewMs,
        previewBlockMs: previewBlock,
        previewCpuMs: previewCpu,
        commitMs,
        commitBlockMs: commitBlock,
        commitCpuMs: commitCpu,
        created: first.created,
        againMs,
        againBlockMs: againBlock,
        againCpuMs: againCpu,
        unchanged: again.unchanged,
        creatable: preview.counts.create,
      });
      await closeAppContext(ctx);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

async function main(): Promise<void> {
  const sizes = process.env.BENCH_ROWS ? process.env.BENCH_ROWS.split(',').map(Number) : [171, 10_000];
  const f = (n: number) => `${n.toFixed(0)} ms`;
  const into = process.env.BENCH_XLSX_LEDGER;
  if (into) console.log(`导入到 ${into} 的副本`);
  for (const r of await measureXlsxImport(sizes, into)) {
    console.log(
      `${r.rows} 行：预览 ${f(r.previewMs)}（CPU ${f(r.previewCpuMs)}，可导入 ${r.creatable}，最长阻塞 ${f(r.previewBlockMs)}）；` +
        `导入 ${f(r.commitMs)}（CPU ${f(r.commitCpuMs)}，新建 ${r.created}，最长阻塞 ${f(r.commitBlockMs)}）；` +
        `重新导入 ${f(r.againMs)}（CPU ${f(r.againCpuMs)}，未变化 ${r.unchanged}，最长阻塞 ${f(r.againBlockMs)}）`,
    );
  }
}

// Run by hand (not when bench/run.ts imports this file).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main();

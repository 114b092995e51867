/**
 * Regenerates docs/samples/: for every document type, a sample .docx made by the command line's `doc` command
 * from the demo ledger (today fixed at 2026-11-26, so the samples only change when the code does), signed,
 * plus one 发文稿纸; then renders each with ../shared/tools/docx-preview.sh and keeps its first page as a PNG.
 *
 *   npx tsx scripts/documents/make-samples.ts
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../../electron/cli/args';
import { docCommand } from '../../electron/cli/doc-command';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../../electron/contract/documents';
import { openDemoOffice, type DemoOffice } from './demo-office';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLES = path.join(ROOT, 'docs', 'samples');
const PREVIEW_TOOL = path.resolve(ROOT, '..', 'shared', 'tools', 'docx-preview.sh');
const TODAY = '2026-11-26';
const SIGNER = '王建国';

/** Runs `doc …` as the command line would, in the demo office; returns the files it wrote. */
async function doc(office: DemoOffice, argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await docCommand(office.ctx, parseArgs(argv), argv, { out: (l) => lines.push(l), err: (l) => console.error(l) });
  return lines.filter((l) => l.endsWith('.docx'));
}

/** The options of each sample, chosen from the demo ledger so that every document has something to say. */
async function sampleArguments(office: DemoOffice): Promise<Record<DocumentType, string[]>> {
  const overdue = await office.call('tasks.list', { statuses: ['overdue'], sortField: 'due_date', limit: 50 });
  const behind = await office.call('tasks.list', { statuses: ['behind'], limit: 50 });
  const lagging = overdue.rows[0]!;
  const laggingUnit = lagging.leadUnits.split('、')[0]!;
  const behindUnit = behind.rows[0]!.leadUnits.split('、')[0]!;
  const year = TODAY.slice(0, 4);
  const deadline = office.workdaysAhead(10);
  return {
    assignment_sheet: ['--task', lagging.code, '--year', year],
    supervision_notice: ['--unit', behindUnit, '--deadline', deadline, '--basis', '区政府第12次常务会议'],
    urge_notice: ['--unit', laggingUnit, '--deadline', office.workdaysAhead(5)],
    situation_bulletin: ['--year', year, '--source', '政府工作报告', '--from', `${year}-01-01`, '--to', TODAY],
    praise_bulletin: ['--unit', '百官街道', '--unit', '曹娥街道', '--unit', '陈溪乡', '--year', year],
    criticism_bulletin: ['--unit', laggingUnit, '--deadline', deadline],
    livelihood_publication: ['--year', year, '--quarter', '3'],
    ledger_extract: ['--year', year, '--source', '民生实事'],
    assessment_sheet: ['--year', year],
  };
}

/** Renders a .docx and copies its first page to `png`. */
function preview(docx: string, png: string): void {
  const out = mkdtempSync(path.join(os.tmpdir(), 'ledger-preview-'));
  try {
    const run = spawnSync('bash', [PREVIEW_TOOL, docx, out], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`docx-preview.sh failed for ${docx}: ${run.stderr}`);
    const stem = path.basename(docx, '.docx');
    const first = readdirSync(out).find((f) => new RegExp(`^${stem}-page-0*1\\.png$`).test(f));
    if (!first) throw new Error(`no first page rendered for ${docx}`);
    copyFileSync(path.join(out, first), png);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(SAMPLES, { recursive: true });
  const office = await openDemoOffice(TODAY);
  const exported = mkdtempSync(path.join(os.tmpdir(), 'ledger-samples-'));
  try {
    const samples: Array<[name: string, file: string]> = [];
    for (const [type, options] of Object.entries(await sampleArguments(office)) as Array<[DocumentType, string[]]>) {
      const withSlip = type === 'urge_notice';
      const files = await doc(office, ['doc', DOCUMENT_TYPE_LABELS[type], ...options, '--out', exported, '--sign', SIGNER, ...(withSlip ? ['--slip'] : [])]);
      samples.push([type, files[0]!]);
      if (withSlip) samples.push(['processing_slip', files[1]!]);
    }
    for (const [name, file] of samples) {
      const docx = path.join(SAMPLES, `${name}.docx`);
      copyFileSync(file, docx);
      preview(docx, path.join(SAMPLES, `${name}.png`));
      console.log(`${path.relative(ROOT, docx)}  ←  ${path.basename(file)}`);
    }
  } finally {
    rmSync(exported, { recursive: true, force: true });
    await office.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

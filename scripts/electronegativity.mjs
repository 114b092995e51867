#!/usr/bin/env node
/**
 * `npm run electronegativity`: Doyensec's Electronegativity (Electron security checks) on the app.
 *
 * It scans two copies, staged in a temporary folder:
 *   built/   what electron-vite built (out/): main, preload and the renderer — the code that ships.
 *            Main and preload are renamed .cjs → .js: Electronegativity only reads .js/.ts/.html.
 *   source/  electron/ as written: `new BrowserWindow({...})` and friends are only recognisable
 *            there (the bundle calls them as `electron.BrowserWindow`).
 *
 * Every finding is matched against electronegativity-accepted.json (check + file pattern, each
 * with its reason). The run fails (exit 1) on a HIGH finding that is not accepted there, or when
 * a built bundle could not be parsed (its checks would be silently missing). Lower findings that
 * are not accepted are listed for review. `--json FILE` writes the report as JSON.
 *
 * Offline: the one check that downloads Electron's release list (AVAILABLE_SECURITY_FIXES) is
 * left out, see the accepted file; the translations it tries to fetch fall back to English.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
export const ACCEPTED_FILE = path.join(root, 'electronegativity-accepted.json');
const BUILT = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];

/** `*` within a path segment, `**` across segments. */
function globToRegExp(pattern) {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function copyTree(from, to, rename = (name) => name) {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyTree(source, path.join(to, entry.name), rename);
    else if (entry.isFile()) fs.copyFileSync(source, path.join(to, rename(entry.name)));
  }
}

/** built/ and source/ as Electronegativity can read them. */
function stage(dir) {
  for (const part of ['main', 'preload', 'renderer']) {
    copyTree(path.join(root, 'out', part), path.join(dir, 'built', part), (name) => name.replace(/\.cjs$/, '.js'));
  }
  copyTree(path.join(root, 'electron'), path.join(dir, 'source'));
}

export function loadAccepted(file = ACCEPTED_FILE) {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  return { accepted: data.accepted ?? [], excludedChecks: data.excludedChecks ?? [] };
}

/**
 * Runs Electronegativity on the staged copies; resolves to its raw findings and parse errors
 * (files relative to the staging folder: built/…, source/…).
 */
export async function scan({ excludedChecks = loadAccepted().excludedChecks } = {}) {
  const missing = BUILT.filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length) throw new Error(`out/ 未构建 / not built (${missing.join(', ')}) — run "npx electron-vite build" first`);
  const run = require('@doyensec/electronegativity');
  const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-electronegativity-'));
  try {
    stage(dir);
    const result = await run({
      input: dir,
      electronVersionOverride: electronVersion,
      isRelative: true,
      // class names, lower case, as Electronegativity's --exclude-checks takes them
      excludeFromScan: excludedChecks.map((c) => c.className.toLowerCase()),
    });
    const slash = (file) => String(file).split(path.sep).join('/');
    return {
      electronVersion,
      issues: result.issues.map((issue) => ({
        check: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: slash(issue.file),
        line: issue.location?.line ?? 0,
        column: issue.location?.column ?? 0,
        description: issue.description,
      })),
      errors: result.errors.map((e) => ({ file: slash(path.relative(dir, e.file)), message: e.message, tolerable: Boolean(e.tolerable) })),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Each finding with its acceptance; ok unless a HIGH finding is not accepted or a built main or
 * preload bundle could not be parsed. `stale`: accepted entries that matched nothing.
 */
export function judge(raw, { accepted }) {
  const patterns = accepted.map((a) => globToRegExp(a.file));
  const used = new Set();
  const findings = raw.issues.map((issue) => {
    const index = accepted.findIndex((a, i) => a.check === issue.check && patterns[i].test(issue.file));
    if (index >= 0) used.add(index);
    return { ...issue, accepted: index >= 0, reason: index >= 0 ? accepted[index].reason : null };
  });
  const stale = accepted.filter((_, i) => !used.has(i)).map(({ check, file }) => ({ check, file }));
  const unacceptedHigh = findings.filter((f) => f.severity === 'HIGH' && !f.accepted);
  const unparsedBundles = raw.errors.filter((e) => !e.tolerable && /^built\/(main|preload)\//.test(e.file));
  return {
    electronVersion: raw.electronVersion,
    findings,
    errors: raw.errors,
    stale,
    unacceptedHigh,
    unparsedBundles,
    ok: unacceptedHigh.length === 0 && unparsedBundles.length === 0,
  };
}

function print(report) {
  const order = { HIGH: 0, MEDIUM: 1, LOW: 2, INFORMATIONAL: 3 };
  const sorted = [...report.findings].sort((a, b) => order[a.severity] - order[b.severity] || a.check.localeCompare(b.check));
  console.log(`Electronegativity (Electron ${report.electronVersion}): ${report.findings.length} 项发现 / findings`);
  for (const f of sorted) {
    const status = f.accepted ? `已说明 / accepted: ${f.reason}` : f.severity === 'HIGH' ? '未说明 / NOT ACCEPTED' : '待复核 / to review';
    console.log(`  ${f.severity.padEnd(6)} ${f.check}  ${f.file}:${f.line}:${f.column}\n         ${status}`);
  }
  for (const e of report.errors) console.log(`  解析${e.tolerable ? '警告' : '失败'} / parse ${e.tolerable ? 'warning' : 'error'}: ${e.file}: ${e.message}`);
  for (const s of report.stale) console.log(`  已接受但未再出现 / accepted but no longer found: ${s.check} ${s.file}`);
  if (report.ok) console.log('没有未说明的高危发现。 / No unexplained HIGH finding.');
  else {
    for (const f of report.unacceptedHigh) console.error(`高危发现未说明 / unexplained HIGH finding: ${f.check} ${f.file}:${f.line} — ${f.description}`);
    for (const e of report.unparsedBundles) console.error(`构建产物无法解析 / a built bundle could not be parsed: ${e.file}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const jsonAt = process.argv.indexOf('--json');
  try {
    const report = judge(await scan(), loadAccepted());
    print(report);
    if (jsonAt > 0 && process.argv[jsonAt + 1]) fs.writeFileSync(process.argv[jsonAt + 1], JSON.stringify(report, null, 2));
    process.exit(report.ok ? 0 : 1);
  } catch (err) {
    console.error(`Electronegativity 未能运行 / could not run: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(2);
  }
}

/**
 * Electronegativity (Doyensec's Electron security checks) on the built app and the main-process
 * sources, through scripts/electronegativity.mjs (`npm run electronegativity`): no HIGH finding may
 * be left without its reason in electronegativity-accepted.json.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { judge, loadAccepted, scan, type RawScan } from '../../scripts/electronegativity.mjs';

const root = path.resolve(__dirname, '../..');
const installed = (() => {
  try {
    createRequire(path.join(root, 'package.json')).resolve('@doyensec/electronegativity');
    return true;
  } catch {
    return false;
  }
})();
const built = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'].every((f) => fs.existsSync(path.join(root, f)));
const skipReason = !installed
  ? '@doyensec/electronegativity 未安装 / is not installed (npm install)'
  : !built
    ? 'out/ 未构建 / out/ is not built — run "npx electron-vite build" first'
    : null;
if (skipReason) console.log(`[electronegativity] 跳过 / skipped: ${skipReason}`);

describe('the accepted list', () => {
  it('gives every accepted finding and every left-out check a reason', () => {
    const list = loadAccepted();
    expect(list.accepted.length).toBeGreaterThan(0);
    for (const entry of [...list.accepted, ...list.excludedChecks]) {
      expect(entry.check, JSON.stringify(entry)).toMatch(/^[A-Z_]+_CHECK$/);
      expect(entry.reason.length, entry.check).toBeGreaterThan(40);
    }
    for (const entry of list.accepted) expect(entry.file).toMatch(/^(built|source)\//);
  });

  it('a HIGH finding that is not accepted fails the run; accepted or lower ones do not', () => {
    const raw: RawScan = {
      electronVersion: '41.0.0',
      issues: [
        { check: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH', confidence: 'FIRM', file: 'source/main/window.ts', line: 1, column: 1, description: '' },
        { check: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'source/main/window.ts', line: 1, column: 1, description: '' },
      ],
      errors: [],
    };
    expect(judge(raw, { accepted: [] })).toMatchObject({ ok: false, unacceptedHigh: [{ check: 'NODE_INTEGRATION_JS_CHECK' }] });
    const accepted = [{ check: 'NODE_INTEGRATION_JS_CHECK', file: 'source/main/*.ts', reason: 'because' }];
    expect(judge(raw, { accepted })).toMatchObject({ ok: true, unacceptedHigh: [] });
    // the pattern must match the file: another file is not covered
    expect(judge(raw, { accepted: [{ ...accepted[0]!, file: 'built/main/*.js' }] }).ok).toBe(false);
    // a bundle that could not be parsed would hide its findings
    expect(judge({ ...raw, issues: [], errors: [{ file: 'built/main/index.js', message: 'x', tolerable: false }] }, { accepted: [] }).ok).toBe(false);
  });
});

describe.skipIf(skipReason !== null)('Electronegativity on the app', () => {
  let raw: RawScan;

  beforeAll(async () => {
    const started = Date.now();
    raw = await scan();
    console.log(`[electronegativity] ${raw.issues.length} findings, ${raw.errors.length} parse messages, in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 300_000);

  it('leaves no HIGH finding unexplained, and could parse the built main and preload', () => {
    const report = judge(raw, loadAccepted());
    for (const f of report.findings) console.log(`  ${f.severity} ${f.check} ${f.file}:${f.line} ${f.accepted ? '(accepted)' : '(NOT accepted)'}`);
    expect(report.unacceptedHigh.map((f) => `${f.check} ${f.file}:${f.line}`)).toEqual([]);
    expect(report.unparsedBundles).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('keeps the accepted list honest: every entry still matches a finding', () => {
    expect(judge(raw, loadAccepted()).stale).toEqual([]);
  });

  it('sees the hardening: navigation limits, a permission handler, no Node in the renderer', () => {
    const checks = new Set(raw.issues.map((f) => f.check));
    for (const check of [
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'NODE_INTEGRATION_JS_CHECK',
      'NODE_INTEGRATION_HTML_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'ALLOWPOPUPS_HTML_CHECK',
      'INSECURE_CONTENT_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'HTTP_RESOURCES_HTML_CHECK',
      'REMOTE_MODULE_JS_CHECK',
      'DANGEROUS_FUNCTIONS_JS_CHECK',
      'PRELOAD_JS_CHECK',
      'CERTIFICATE_ERROR_EVENT_JS_CHECK',
      'CERTIFICATE_VERIFY_PROC_JS_CHECK',
      'SECURITY_WARNINGS_DISABLED_JS_CHECK',
      'EXPERIMENTAL_FEATURES_JS_CHECK',
      'CUSTOM_ARGUMENTS_JS_CHECK',
    ]) {
      expect(checks.has(check), check).toBe(false);
    }
    // both copies were read: the bundle and the sources
    expect(raw.issues.some((f) => f.file.startsWith('built/'))).toBe(true);
    expect(raw.issues.some((f) => f.file.startsWith('source/'))).toBe(true);
  });
});

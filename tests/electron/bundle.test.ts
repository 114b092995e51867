/**
 * What electron-vite built (out/): checked without running Electron, so it runs everywhere after
 * `electron-vite build` (npm run test:e2e builds first).
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { META_CONTENT_SECURITY_POLICY } from '../../electron/main/content-security-policy';

const OUT = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html'];
const missing = OUT.filter((f) => !fs.existsSync(f));
if (missing.length) console.log(`[electron bundle] 跳过 / skipped: ${missing.join(', ')} not built — run "npx electron-vite build" first.`);

function requires(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  return [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))].sort();
}

describe.skipIf(missing.length > 0)('the built app (out/)', () => {
  it('the sandboxed preload is CommonJS and requires nothing but electron', () => {
    const code = fs.readFileSync('out/preload/index.cjs', 'utf8');
    expect(requires('out/preload/index.cjs')).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/zod|safeParse/);
  });

  it('main and the sync worker load only Node built-ins, electron and the runtime dependencies from node_modules', () => {
    const runtime = Object.keys((JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const allowed = new Set(['electron', ...runtime, ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const bundles = (fs.readdirSync('out/main', { recursive: true }) as string[]).filter((f) => f.endsWith('.cjs')).map((f) => path.join('out/main', f));
    expect(bundles).toContain(path.join('out/main', 'sync-worker.cjs'));
    const external = [...new Set(bundles.flatMap((file) => requires(file)))].filter((r) => !r.startsWith('.'));
    // A subpath such as docx/watermarks belongs to its package.
    const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    expect(external.filter((r) => !allowed.has(r) && !allowed.has(packageOf(r)))).toEqual([]);
    expect(requires('out/main/index.cjs')).toContain('electron');
    // the worker runs without Electron's API: only the shell may require it
    expect(requires('out/main/sync-worker.cjs')).not.toContain('electron');
  });

  it('index.html carries exactly one CSP, the one from content-security-policy.ts, and no remote resource', () => {
    const html = fs.readFileSync('out/renderer/index.html', 'utf8');
    const metas = [...html.matchAll(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)].map((m) => m[1]!.replace(/&#39;/g, "'"));
    expect(metas).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//i);
  });
});

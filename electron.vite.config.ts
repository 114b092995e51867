/**
 * Three bundles: main (Node) → out/main, the sandboxed preload → out/preload, and the React renderer
 * from renderer/ → out/renderer. Main and preload are CommonJS, named `.cjs` because package.json
 * says "type": "module" (the tools and tests are ES modules): a sandboxed preload cannot be an ES
 * module, and it may only require 'electron'.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { META_CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './electron/main/content-security-policy';

const root = __dirname;

const CSP_META = /<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/gi;

/**
 * Makes index.html carry the one policy from content-security-policy.ts (a file:// page has no
 * response header to carry it): a CSP <meta> written by hand is replaced in place, so the two
 * never drift; without one, it is added. The dev server gets the development policy (React Fast
 * Refresh needs an inline preamble script).
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'ledger:csp-meta',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) => {
        const devOrigin = ctx.server ? (ctx.server.resolvedUrls?.local[0] ?? 'http://localhost:5173/') : null;
        const policy = devOrigin ? devContentSecurityPolicy(new URL(devOrigin).origin) : META_CONTENT_SECURITY_POLICY;
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/"/g, '&quot;')}" />`;
        let replaced = false;
        const out = html.replace(CSP_META, () => (replaced ? '' : ((replaced = true), meta)));
        return replaced ? out : out.replace(/<head>/i, `<head>\n    ${meta}`);
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: path.join(root, 'out/main'),
      // Loaded from node_modules at run time: the native better-sqlite3 and the libraries around it.
      externalizeDeps: { include: ['better-sqlite3', 'kysely', 'zod', 'chinese-days', 'docx', 'exceljs', 'electron-log'] },
      rolldownOptions: {
        // sync-worker: the worker thread that runs a shared-ledger sync on its own connection (worker-sync-runner.ts).
        // Code both entries use goes into chunks/; better-sqlite3 stays a require of node_modules in both.
        input: {
          index: path.join(root, 'electron/main/index.ts'),
          'sync-worker': path.join(root, 'electron/services/workspace/sync-worker.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out/preload'),
      // Everything the preload needs is bundled in; only 'electron' stays a require.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  renderer: {
    root: path.join(root, 'renderer'),
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: path.join(root, 'out/renderer'),
      rolldownOptions: { input: path.join(root, 'renderer/index.html') },
    },
  },
});

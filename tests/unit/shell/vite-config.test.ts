import { describe, expect, it } from 'vitest';
import type { Plugin } from 'vite';
import config from '../../../electron.vite.config';
import { META_CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from '../../../electron/main/content-security-policy';

type Handler = (html: string, ctx: { server?: { resolvedUrls?: { local: string[] } } }) => string;

function cspPlugin(): Handler {
  const renderer = (config as { renderer?: { plugins?: unknown[] } }).renderer;
  const plugin = (renderer?.plugins ?? []).flat().find((p) => (p as Plugin | null)?.name === 'ledger:csp-meta') as Plugin;
  return (plugin.transformIndexHtml as unknown as { handler: Handler }).handler;
}

const cspOf = (html: string) => [...html.matchAll(/http-equiv="Content-Security-Policy" content="([^"]*)"/g)].map((m) => m[1]);

describe('electron.vite.config.ts', () => {
  it('bundles main and preload from electron/, the renderer from renderer/', () => {
    const c = config as Record<string, { build?: { outDir?: string; rolldownOptions?: { input?: unknown } } }>;
    expect(c.main?.build?.outDir).toMatch(/out[\\/]main$/);
    expect(c.preload?.build?.outDir).toMatch(/out[\\/]preload$/);
    expect(c.renderer?.build?.outDir).toMatch(/out[\\/]renderer$/);
    expect(JSON.stringify(c.preload?.build?.rolldownOptions?.input)).toContain('preload');
  });

  it('writes the one CSP into index.html, replacing a hand-written one', () => {
    const transform = cspPlugin();
    const handWritten = '<html><head><meta charset="UTF-8" /><meta http-equiv="Content-Security-Policy" content="default-src *" /></head></html>';
    expect(cspOf(transform(handWritten, {}))).toEqual([META_CONTENT_SECURITY_POLICY]);
    expect(cspOf(transform('<html><head><title>督查台账</title></head></html>', {}))).toEqual([META_CONTENT_SECURITY_POLICY]);
  });

  it('gives the dev server the development policy', () => {
    const html = cspPlugin()('<html><head></head></html>', { server: { resolvedUrls: { local: ['http://localhost:5174/'] } } });
    expect(cspOf(html)).toEqual([devContentSecurityPolicy('http://localhost:5174')]);
  });
});

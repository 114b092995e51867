import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isRendererPage, resolveRendererLocation } from '../../../electron/main/renderer-location';

const mainDir = path.resolve('/opt/ledger/resources/app/out/main');
const built = resolveRendererLocation({ devServerUrl: undefined, isPackaged: true, mainDir });
const indexUrl = pathToFileURL(path.resolve('/opt/ledger/resources/app/out/renderer/index.html')).href;
const dev = resolveRendererLocation({ devServerUrl: 'http://localhost:5173/', isPackaged: false, mainDir });

describe('renderer location', () => {
  it('loads the built index.html next to main, and never a dev server when packaged', () => {
    expect(built).toMatchObject({ kind: 'file', indexHtml: path.resolve('/opt/ledger/resources/app/out/renderer/index.html') });
    expect(resolveRendererLocation({ devServerUrl: 'http://evil.example/', isPackaged: true, mainDir }).kind).toBe('file');
    expect(dev).toMatchObject({ kind: 'dev-server', origin: 'http://localhost:5173' });
  });

  it('recognises our page (with any hash or query) and nothing else', () => {
    expect(isRendererPage(built, indexUrl)).toBe(true);
    expect(isRendererPage(built, `${indexUrl}#/ledger?x=1`)).toBe(true);
    expect(isRendererPage(built, pathToFileURL(path.resolve('/opt/ledger/resources/app/out/renderer/other.html')).href)).toBe(false);
    expect(isRendererPage(built, pathToFileURL(path.resolve('/tmp/index.html')).href)).toBe(false);
    expect(isRendererPage(built, 'https://example.com/index.html')).toBe(false);
    expect(isRendererPage(built, 'not a url')).toBe(false);
    expect(isRendererPage(dev, 'http://localhost:5173/#/tasks')).toBe(true);
    expect(isRendererPage(dev, 'http://localhost:5174/')).toBe(false);
    expect(isRendererPage(dev, 'http://127.0.0.2:5173/')).toBe(false);
  });

  it('lets the session load only local files of the renderer (offline app)', () => {
    expect(isAllowedRequest(built, `${indexUrl}`)).toBe(true);
    expect(isAllowedRequest(built, pathToFileURL(path.resolve('/opt/ledger/resources/app/out/renderer/assets/a.js')).href)).toBe(true);
    expect(isAllowedRequest(built, pathToFileURL(path.resolve('/etc/passwd')).href)).toBe(false);
    expect(isAllowedRequest(built, 'file:///opt/ledger/resources/app/out/renderer/../../../../../etc/passwd')).toBe(false);
    for (const remote of ['https://example.com/x.js', 'http://localhost:5173/', 'ws://localhost:5173/', 'wss://x.cn/', 'ftp://x.cn/']) {
      expect(isAllowedRequest(built, remote)).toBe(false);
    }
    expect(isAllowedRequest(built, 'data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest(built, 'devtools://devtools/bundled/inspector.html')).toBe(true);
  });

  it('in development allows the dev server (and its hot-reload socket) only', () => {
    expect(isAllowedRequest(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAllowedRequest(dev, 'ws://localhost:5173/')).toBe(true);
    expect(isAllowedRequest(dev, 'https://cdn.example.com/x.js')).toBe(false);
    expect(isAllowedRequest(dev, indexUrl)).toBe(false);
  });
});

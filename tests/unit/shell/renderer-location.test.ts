import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isAllowedRequest, isRendererPage, resolveRendererLocation } from '../../../electron/main/renderer-location';

const mainDir = path.resolve('/opt/ledger/resources/app.asar/out/main');
const built = resolveRendererLocation({ devServerUrl: undefined, isPackaged: true, mainDir });
const indexUrl = 'app://ledger/index.html';
const dev = resolveRendererLocation({ devServerUrl: 'http://localhost:5173/', isPackaged: false, mainDir });

describe('renderer location', () => {
  it('serves the built renderer next to main as app://ledger/, and never a dev server when packaged', () => {
    expect(built).toEqual({ kind: 'app', url: indexUrl, rootDir: path.resolve('/opt/ledger/resources/app.asar/out/renderer') });
    expect(resolveRendererLocation({ devServerUrl: 'http://evil.example/', isPackaged: true, mainDir }).kind).toBe('app');
    // unpackaged without a dev server (npm start): the built files, also over app://
    expect(resolveRendererLocation({ devServerUrl: undefined, isPackaged: false, mainDir }).kind).toBe('app');
    expect(dev).toMatchObject({ kind: 'dev-server', origin: 'http://localhost:5173' });
  });

  it('recognises our page (with any hash or query) and nothing else', () => {
    expect(isRendererPage(built, indexUrl)).toBe(true);
    expect(isRendererPage(built, `${indexUrl}#/ledger?x=1`)).toBe(true);
    expect(isRendererPage(built, `${indexUrl}?a=1`)).toBe(true);
    expect(isRendererPage(built, 'APP://LEDGER/index.html')).toBe(true);
    expect(isRendererPage(built, 'app://ledger/other.html')).toBe(false);
    expect(isRendererPage(built, 'app://ledger/')).toBe(false);
    expect(isRendererPage(built, 'app://evil/index.html')).toBe(false);
    expect(isRendererPage(built, 'app://ledger:81/index.html')).toBe(false);
    expect(isRendererPage(built, 'app://x@ledger/index.html')).toBe(false);
    // the old file:// page is no longer ours
    expect(isRendererPage(built, pathToFileURL(path.resolve('/opt/ledger/resources/app.asar/out/renderer/index.html')).href)).toBe(false);
    expect(isRendererPage(built, 'https://example.com/index.html')).toBe(false);
    expect(isRendererPage(built, 'https://ledger/index.html')).toBe(false);
    expect(isRendererPage(built, 'not a url')).toBe(false);
    expect(isRendererPage(dev, 'http://localhost:5173/#/tasks')).toBe(true);
    expect(isRendererPage(dev, 'http://localhost:5174/')).toBe(false);
    expect(isRendererPage(dev, 'http://127.0.0.2:5173/')).toBe(false);
    expect(isRendererPage(dev, indexUrl)).toBe(false);
  });

  it('lets the session load only app://ledger/ (offline app): no http(s), ws(s), ftp or file:', () => {
    expect(isAllowedRequest(built, indexUrl)).toBe(true);
    expect(isAllowedRequest(built, 'app://ledger/assets/index-CxX9pp2u.js')).toBe(true);
    expect(isAllowedRequest(built, 'app://evil/x.js')).toBe(false);
    for (const local of [
      pathToFileURL(path.resolve('/opt/ledger/resources/app.asar/out/renderer/assets/a.js')).href,
      pathToFileURL(path.resolve('/etc/passwd')).href,
      'file:///C:/Windows/win.ini',
      'file://server/share/x',
    ]) {
      expect(isAllowedRequest(built, local), local).toBe(false);
    }
    for (const remote of ['https://example.com/x.js', 'http://localhost:5173/', 'ws://localhost:5173/', 'wss://x.cn/', 'ftp://x.cn/', 'http://127.0.0.1/']) {
      expect(isAllowedRequest(built, remote), remote).toBe(false);
    }
    expect(isAllowedRequest(built, 'data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRequest(built, 'blob:app://ledger/0b1c')).toBe(true);
    expect(isAllowedRequest(built, 'devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(isAllowedRequest(built, 'not a url')).toBe(false);
  });

  it('in development allows the dev server (and its hot-reload socket) only', () => {
    expect(isAllowedRequest(dev, 'http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAllowedRequest(dev, 'ws://localhost:5173/')).toBe(true);
    expect(isAllowedRequest(dev, 'https://cdn.example.com/x.js')).toBe(false);
    expect(isAllowedRequest(dev, 'http://localhost:5174/')).toBe(false);
    expect(isAllowedRequest(dev, indexUrl)).toBe(false);
    expect(isAllowedRequest(dev, pathToFileURL(path.resolve('/etc/passwd')).href)).toBe(false);
  });
});

/**
 * app://ledger/: which file a URL names (the path-traversal guard), with which MIME type, and the
 * response the handler gives — on a real folder with ASCII and Chinese file names.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_INDEX_URL,
  APP_SCHEME_PRIVILEGES,
  appProtocolResponse,
  mimeTypeOf,
  registerAppScheme,
  resolveAppPath,
  serveAppProtocol,
} from '../../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';

const root = path.resolve('/opt/ledger/resources/app.asar/out/renderer');
const winRoot = 'C:\\Program Files\\督查台账\\resources\\app.asar\\out\\renderer';

function ok(url: string, base = root, pathApi: typeof path = path) {
  const r = resolveAppPath(base, url, pathApi);
  if (!r.ok) throw new Error(`${url}: refused ${r.status} ${r.reason}`);
  return r;
}
function status(url: string, base = root, pathApi: typeof path = path) {
  const r = resolveAppPath(base, url, pathApi);
  return r.ok ? 200 : r.status;
}

describe('app:// URL → file (pure)', () => {
  it('serves index.html at the root and files below it', () => {
    expect(APP_INDEX_URL).toBe('app://ledger/index.html');
    expect(ok(APP_INDEX_URL)).toEqual({ ok: true, file: path.join(root, 'index.html'), mimeType: 'text/html; charset=utf-8' });
    expect(ok('app://ledger/').file).toBe(path.join(root, 'index.html'));
    expect(ok('app://ledger').file).toBe(path.join(root, 'index.html'));
    expect(ok('app://ledger/assets/index-CxX9pp2u.js').file).toBe(path.join(root, 'assets', 'index-CxX9pp2u.js'));
    expect(ok('app://ledger/assets/index.js?v=1#x').file).toBe(path.join(root, 'assets', 'index.js'));
    expect(ok('APP://LEDGER/index.html').file).toBe(path.join(root, 'index.html'));
  });

  it('decodes percent-encoded unicode and spaces in file names', () => {
    expect(ok('app://ledger/assets/%E7%BB%9F%E8%AE%A1%E5%88%86%E6%9E%90-1.js').file).toBe(path.join(root, 'assets', '统计分析-1.js'));
    expect(ok('app://ledger/fonts/%E6%80%9D%E6%BA%90%20%E9%BB%91%E4%BD%93.woff2')).toMatchObject({
      file: path.join(root, 'fonts', '思源 黑体.woff2'),
      mimeType: 'font/woff2',
    });
    // Chromium may hand over the raw characters too
    expect(ok('app://ledger/assets/督查.css').file).toBe(path.join(root, 'assets', '督查.css'));
  });

  it('refuses to leave the root: .. and ., literal or percent-encoded, any case', () => {
    for (const url of [
      'app://ledger/../../../etc/passwd',
      'app://ledger/assets/../../secret',
      'app://ledger/..',
      'app://ledger/./index.html',
      'app://ledger/%2e%2e/%2e%2e/etc/passwd',
      'app://ledger/%2E%2E/secret',
      'app://ledger/.%2e/secret',
      'app://ledger/%2e/index.html',
      'app://ledger/assets/%2e%2e',
    ]) {
      expect(status(url), url).toBe(403);
    }
  });

  it('refuses backslashes and encoded slashes (Windows separators smuggled into a segment)', () => {
    for (const url of [
      'app://ledger/..\\..\\windows\\win.ini',
      'app://ledger/assets\\index.js',
      'app://ledger/%5c..%5c..%5cwindows%5cwin.ini',
      'app://ledger/..%5Csecret',
      'app://ledger/..%2f..%2fetc%2fpasswd',
      'app://ledger/assets%2Findex.js',
    ]) {
      expect(status(url), url).toBe(403);
    }
  });

  it('refuses absolute paths, drive letters, UNC and alternate data streams', () => {
    for (const url of [
      'app://ledger/C:/Windows/win.ini',
      'app://ledger/C%3A%5CWindows%5Cwin.ini',
      'app://ledger/c:%2fwindows',
      'app://ledger/index.html:$DATA',
      'app://ledger/index.html%3A%24DATA',
    ]) {
      expect(status(url), url).toBe(403);
    }
    // an empty segment: //server/share or a doubled slash
    expect(status('app://ledger//etc/passwd')).toBe(404);
    expect(status('app://ledger/assets//index.js')).toBe(404);
    expect(status('app://ledger/%2fetc%2fpasswd')).toBe(403);
  });

  it('refuses NUL and control characters, and names Windows would silently trim', () => {
    for (const url of ['app://ledger/index.html%00.png', 'app://ledger/index%0a.html', 'app://ledger/a%7f.js', 'app://ledger/index.html.', 'app://ledger/index.html%20', 'app://ledger/..%20/secret', 'app://ledger/...']) {
      expect(status(url), url).toBe(403);
    }
    expect(status('app://ledger/%E0%A4%A')).toBe(400);
    expect(status('app://ledger/%')).toBe(400);
  });

  it('serves only the ledger host, and no directories', () => {
    expect(status('app://evil/index.html')).toBe(404);
    expect(status('app://ledger.evil/index.html')).toBe(404);
    expect(status('app://ledger:8080/index.html')).toBe(404);
    expect(status('app://user@ledger/index.html')).toBe(404);
    expect(status('app://\\evil/index.html')).toBe(404);
    expect(status('file:///etc/passwd')).toBe(404);
    expect(status('https://ledger/index.html')).toBe(404);
    expect(status('app://ledger/assets/')).toBe(404);
  });

  it('works the same with Windows paths (path.win32), inside a Chinese-named install folder', () => {
    expect(ok('app://ledger/assets/%E7%BB%9F%E8%AE%A1.js', winRoot, path.win32).file).toBe(`${winRoot}\\assets\\统计.js`);
    expect(ok(APP_INDEX_URL, winRoot, path.win32).file).toBe(`${winRoot}\\index.html`);
    for (const url of [
      'app://ledger/..\\..\\..\\Windows\\win.ini',
      'app://ledger/%5C%5Cserver%5Cshare%5Cx',
      'app://ledger/%2e%2e%5c%2e%2e%5cWindows',
      'app://ledger/C:%5CWindows%5Cwin.ini',
      'app://ledger/D:',
      'app://ledger/..%20/secret',
      'app://ledger/NUL.',
    ]) {
      expect(status(url, winRoot, path.win32), url).toBe(403);
    }
  });

  it('guards the joined path too (defence in depth)', () => {
    // A path API whose resolve ignores the root stands for any way a segment might escape.
    const escaping = { ...path.posix, resolve: (...parts: string[]) => (parts.length > 1 ? '/etc/passwd' : path.posix.resolve(...parts)) };
    expect(resolveAppPath('/app/out/renderer', 'app://ledger/index.html', escaping)).toMatchObject({ ok: false, status: 403 });
  });
});

describe('MIME types', () => {
  it('names what the renderer ships, case-insensitively; unknown is octet-stream', () => {
    expect(mimeTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('index-CxX9pp2u.js')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('chunk.MJS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('Statistics-DGXw-aSM.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeOf('logo.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('icon.PNG')).toBe('image/png');
    expect(mimeTypeOf('photo.jpeg')).toBe('image/jpeg');
    expect(mimeTypeOf('字体.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('data.json')).toBe('application/json; charset=utf-8');
    expect(mimeTypeOf('module.wasm')).toBe('application/wasm');
    expect(mimeTypeOf('README')).toBe('application/octet-stream');
    expect(mimeTypeOf('evil.exe')).toBe('application/octet-stream');
  });
});

describe('app:// responses (real files)', () => {
  let dir = '';
  let outside = '';
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-app-protocol-'));
    fs.mkdirSync(path.join(dir, 'renderer', 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<!doctype html><title>督查台账</title>');
    fs.writeFileSync(path.join(dir, 'renderer', 'assets', '统计-1.js'), 'export const x = 1;');
    fs.writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    outside = path.join(dir, 'secret.txt');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => appProtocolResponse(path.join(dir, 'renderer'), { url, method });

  it('serves a file with its MIME type, the CSP header and nosniff', async () => {
    const res = await get(APP_INDEX_URL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('督查台账');
    const js = await get(`app://ledger/assets/${encodeURIComponent('统计-1.js')}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('export const x = 1;');
  });

  it('answers HEAD without a body, refuses other methods', async () => {
    const head = await get(APP_INDEX_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(Buffer.byteLength('<!doctype html><title>督查台账</title>')));
    expect(await head.text()).toBe('');
    const post = await get(APP_INDEX_URL, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('404 for a missing file or a folder, 403 for traversal — never the file outside, CSP on every error', async () => {
    for (const [url, code] of [
      ['app://ledger/missing.js', 404],
      ['app://ledger/assets', 404],
      ['app://ledger/../secret.txt', 403],
      ['app://ledger/%2e%2e/secret.txt', 403],
      ['app://ledger/..%5csecret.txt', 403],
      [`app://ledger/${encodeURIComponent(outside)}`, 403],
      ['app://other/index.html', 404],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(code);
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text(), url).not.toContain('secret');
    }
  });

  it('a read error other than "not there" is a 500, not a crash', async () => {
    const failing = () => Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
    const res = await appProtocolResponse(path.join(dir, 'renderer'), { url: APP_INDEX_URL, method: 'GET' }, failing);
    expect(res.status).toBe(500);
  });
});

describe('Electron registration (thin)', () => {
  it('registers app:// as standard, secure and fetch-capable — and nothing more', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('corsEnabled');
  });

  it('handles app:// with the guarded response', async () => {
    const protocol = { handle: vi.fn() };
    serveAppProtocol(protocol, '/nowhere/renderer');
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = protocol.handle.mock.calls[0]![1] as (request: Request) => Promise<Response>;
    const res = await handler(new Request('app://ledger/../../etc/passwd'));
    expect([403, 404]).toContain(res.status);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import type { Session } from 'electron';
import { applySessionPolicy } from '../../../electron/main/session-policy';
import { resolveRendererLocation } from '../../../electron/main/renderer-location';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/content-security-policy';

type Callback = (response: Record<string, unknown>) => void;

function fakeSession() {
  const hooks: Record<string, (details: Record<string, unknown>, callback: Callback) => void> = {};
  const events: Record<string, (event: { preventDefault: () => void }) => void> = {};
  let permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  let permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  const session = {
    webRequest: {
      onBeforeRequest: (listener: (typeof hooks)[string]) => (hooks.beforeRequest = listener),
      onHeadersReceived: (listener: (typeof hooks)[string]) => (hooks.headersReceived = listener),
    },
    setPermissionRequestHandler: (h: typeof permissionRequest) => (permissionRequest = h),
    setPermissionCheckHandler: (h: typeof permissionCheck) => (permissionCheck = h),
    on: (name: string, listener: (typeof events)[string]) => (events[name] = listener),
  };
  return { session: session as unknown as Session, hooks, events, permission: () => ({ permissionRequest, permissionCheck }) };
}

const location = resolveRendererLocation({ devServerUrl: undefined, isPackaged: true, mainDir: path.resolve('/app/out/main') });

function decide(hook: (details: Record<string, unknown>, callback: Callback) => void, details: Record<string, unknown>) {
  let response: Record<string, unknown> = {};
  hook(details, (r) => (response = r));
  return response;
}

describe('session policy', () => {
  it('cancels every remote request and every file: request, allows our own app:// files', () => {
    const { session, hooks } = fakeSession();
    applySessionPolicy(session, location);
    expect(decide(hooks.beforeRequest!, { url: 'app://ledger/index.html' })).toEqual({ cancel: false });
    expect(decide(hooks.beforeRequest!, { url: 'app://ledger/assets/index.js' })).toEqual({ cancel: false });
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'http://localhost:5173/',
      'ws://example.com/',
      'wss://example.com/',
      'ftp://example.com/',
      pathToFileURL(path.resolve('/app/out/renderer/assets/index.js')).href,
      pathToFileURL(path.resolve('/etc/passwd')).href,
      'app://other/x.js',
    ]) {
      expect(decide(hooks.beforeRequest!, { url }), url).toEqual({ cancel: true });
    }
  });

  it('while developing, lets through the dev server only', () => {
    const { session, hooks } = fakeSession();
    applySessionPolicy(session, resolveRendererLocation({ devServerUrl: 'http://localhost:5173/', isPackaged: false, mainDir: '/app/out/main' }));
    expect(decide(hooks.beforeRequest!, { url: 'http://localhost:5173/src/main.tsx' })).toEqual({ cancel: false });
    expect(decide(hooks.beforeRequest!, { url: 'ws://localhost:5173/' })).toEqual({ cancel: false });
    for (const url of ['https://example.com/', 'http://localhost:8080/', pathToFileURL(path.resolve('/etc/passwd')).href]) {
      expect(decide(hooks.beforeRequest!, { url }), url).toEqual({ cancel: true });
    }
  });

  it('sends the CSP with every response, replacing any other', () => {
    const { session, hooks } = fakeSession();
    applySessionPolicy(session, location);
    const response = decide(hooks.headersReceived!, {
      responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] },
    });
    expect(response.responseHeaders).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('refuses every permission and every download', () => {
    const { session, events, permission } = fakeSession();
    applySessionPolicy(session, location);
    const { permissionRequest, permissionCheck } = permission();
    for (const name of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      const callback = vi.fn();
      permissionRequest!(null, name, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(permissionCheck!(null, 'media')).toBe(false);
    const download = { preventDefault: vi.fn() };
    events['will-download']!(download);
    expect(download.preventDefault).toHaveBeenCalled();
  });
});

/**
 * The renderer session's rules: the app is offline, so no request leaves the machine — http(s) and
 * ws(s) are cancelled (only the dev server while developing), and so is file: (the page is served as
 * app://ledger/, see app-protocol.ts) — every response gets the CSP header, every permission and
 * every download is refused.
 */
import type { Session } from 'electron';
import { CONTENT_SECURITY_POLICY, devContentSecurityPolicy } from './content-security-policy';
import { isAllowedRequest, type RendererLocation } from './renderer-location';

export function applySessionPolicy(session: Session, location: RendererLocation): void {
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(location, details.url) });
  });

  const csp = location.kind === 'dev-server' ? devContentSecurityPolicy(location.origin) : CONTENT_SECURITY_POLICY;
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });

  // Camera, notifications, clipboard reads, geolocation…: a ledger needs none of them.
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.on('will-download', (event) => event.preventDefault());
}

/**
 * Where the renderer is loaded from, and whether a URL is that page.
 *
 * Both the IPC sender check and the session's request filter ask this one question, so the answer
 * lives here: in development the electron-vite dev server (ELECTRON_RENDERER_URL), otherwise the
 * built `out/renderer` folder next to the main bundle, served as `app://ledger/` (app-protocol.ts),
 * never as file://.
 */
import path from 'node:path';
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-protocol';

export type RendererLocation =
  | { kind: 'dev-server'; url: string; origin: string }
  | { kind: 'app'; url: string; rootDir: string };

export function resolveRendererLocation(opts: { devServerUrl: string | undefined; isPackaged: boolean; mainDir: string }): RendererLocation {
  // A packaged app never follows the environment to a server: it only shows its own files.
  if (opts.devServerUrl && !opts.isPackaged) {
    const url = new URL(opts.devServerUrl);
    return { kind: 'dev-server', url: url.href, origin: url.origin };
  }
  return { kind: 'app', url: APP_INDEX_URL, rootDir: path.join(opts.mainDir, '..', 'renderer') };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** app://ledger/… exactly: our scheme and host, no user, password or port. */
function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.hostname.toLowerCase() === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

/** Is `url` the app's own page (hash and query aside)? */
export function isRendererPage(location: RendererLocation, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  return isAppOrigin(parsed) && parsed.pathname === new URL(location.url).pathname;
}

/**
 * May the renderer's session load `url`? The app is offline: only its own app:// files (or, while
 * developing, the dev server and its hot-reload socket). No http(s)/ws(s) anywhere else, no file:.
 */
export function isAllowedRequest(location: RendererLocation, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev-server' && sameHostAndPort(parsed, location.origin);
    case `${APP_SCHEME}:`:
      return location.kind === 'app' && isAppOrigin(parsed);
    case 'file:':
    case 'ftp:':
      return false;
    default:
      // data:, blob:, devtools: and Chromium's internal schemes carry no remote content.
      return true;
  }
}

function sameHostAndPort(url: URL, origin: string): boolean {
  const expected = new URL(origin);
  // The dev server's hot-reload socket uses ws: on the same host and port.
  return url.hostname === expected.hostname && url.port === expected.port;
}

/**
 * Where the renderer is loaded from, and whether a URL is that page.
 *
 * Both the IPC sender check and the session's request filter ask this one question, so the answer
 * lives here: in development the electron-vite dev server (ELECTRON_RENDERER_URL), otherwise the
 * built `out/renderer/index.html` next to the main bundle.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type RendererLocation =
  | { kind: 'dev-server'; url: string; origin: string }
  | { kind: 'file'; indexHtml: string; rootDir: string };

export function resolveRendererLocation(opts: { devServerUrl: string | undefined; isPackaged: boolean; mainDir: string }): RendererLocation {
  // A packaged app never follows the environment to a server: it only shows its own files.
  if (opts.devServerUrl && !opts.isPackaged) {
    const url = new URL(opts.devServerUrl);
    return { kind: 'dev-server', url: url.href, origin: url.origin };
  }
  const rootDir = path.join(opts.mainDir, '..', 'renderer');
  return { kind: 'file', indexHtml: path.join(rootDir, 'index.html'), rootDir };
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Is `url` the app's own page (hash and query aside)? */
export function isRendererPage(location: RendererLocation, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (location.kind === 'dev-server') return parsed.origin === location.origin;
  if (parsed.protocol !== 'file:') return false;
  const file = normalizedFilePath(parsed);
  const expected = normalizedFilePath(pathToFileURL(location.indexHtml));
  if (file === null || expected === null) return false;
  // Windows paths are case-insensitive; Chromium may report the drive letter in another case.
  return process.platform === 'win32' ? file.toLowerCase() === expected.toLowerCase() : file === expected;
}

/** May the renderer's session load `url`? The app is offline: only its own files (or dev server). */
export function isAllowedRequest(location: RendererLocation, url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case 'http:':
    case 'https:':
    case 'ws:':
    case 'wss:':
      return location.kind === 'dev-server' && sameHostAndPort(parsed, location.origin);
    case 'file:':
    {
      const file = normalizedFilePath(parsed);
      return location.kind === 'file' && file !== null && isInside(location.rootDir, file);
    }
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

/** The local path a file: URL names, or null for one that names no local file (e.g. a UNC host). */
function normalizedFilePath(url: URL): string | null {
  const clean = new URL(url.href);
  clean.hash = '';
  clean.search = '';
  try {
    return path.resolve(fileURLToPath(clean));
  } catch {
    return null;
  }
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(path.resolve(dir), file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

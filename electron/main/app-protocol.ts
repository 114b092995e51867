/**
 * The renderer's own scheme: `app://ledger/index.html` serves the built `out/renderer` folder.
 *
 * A custom scheme instead of file:// (Electron's security checklist): the page gets a real origin
 * (`app://ledger`, so CSP 'self' means exactly our files), cannot read other local files, and every
 * response carries the CSP header. The scheme is registered as privileged before the app is ready
 * (standard: relative URLs and an origin; secure: treated like https; supportFetchAPI: ES module
 * scripts are fetched) and served by `protocol.handle` once it is.
 *
 * Everything except the two thin Electron functions at the end is pure, and tested on its own:
 * which file a URL names (with the path-traversal guard) and which MIME type it is served with.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Not bypassCSP, corsEnabled, allowServiceWorkers or stream: the page needs none of them. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.bmp': 'image/bmp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/** The Content-Type for a file name; unknown kinds are plain bytes (with nosniff, never run as script). */
export function mimeTypeOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot >= 0 ? fileName.slice(dot).toLowerCase() : '';
  return MIME_TYPES[ext] ?? 'application/octet-stream';
}

export type AppPathResolution =
  | { ok: true; file: string; mimeType: string }
  | { ok: false; status: 400 | 403 | 404; reason: string };

/** The parts of node:path the guard uses; tests pass path.win32 to check Windows paths on any OS. */
export type PathApi = Pick<path.PlatformPath, 'resolve' | 'relative' | 'isAbsolute'>;

const refuse = (status: 400 | 403 | 404, reason: string): AppPathResolution => ({ ok: false, status, reason });

/**
 * Which file under `rootDir` an app:// URL names — or why it names none.
 *
 * Works on the URL as written (not on what a URL parser made of it), so an attempt to leave the
 * folder is refused rather than quietly normalised: `..` and `.` segments (also percent-encoded),
 * encoded or literal slashes and backslashes inside a segment, drive letters and other `:`, NUL and
 * control characters, empty segments (`//`), names ending in a dot or a space (Windows drops them).
 * Then the joined path must still lie inside the root. Another host is 404; a directory is 404.
 */
export function resolveAppPath(rootDir: string, url: string, pathApi: PathApi = path): AppPathResolution {
  const match = /^app:\/\/([^/?#\\]*)([^?#]*)/i.exec(url);
  if (!match) return refuse(404, 'not an app:// URL');
  const host = match[1]!;
  const rawPath = match[2]!;
  if (host.toLowerCase() !== APP_HOST) return refuse(404, `unknown host "${host}"`);
  if (rawPath.includes('\\')) return refuse(403, 'backslash in path');
  if (rawPath === '' || rawPath === '/') return resolveSegments(rootDir, ['index.html'], pathApi);
  if (!rawPath.startsWith('/')) return refuse(400, 'malformed path');

  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return refuse(400, 'malformed percent-encoding');
    }
    if (/[\u0000-\u001f\u007f]/.test(segment)) return refuse(403, 'control character in path');
    if (segment === '') return refuse(404, 'empty path segment or directory');
    if (segment === '.' || segment === '..') return refuse(403, 'dot segment in path');
    if (/[/\\]/.test(segment)) return refuse(403, 'encoded slash in path');
    if (segment.includes(':')) return refuse(403, 'colon in path (drive letter or stream)');
    if (/[. ]$/.test(segment)) return refuse(403, 'segment ends in a dot or space');
    segments.push(segment);
  }
  return resolveSegments(rootDir, segments, pathApi);
}

function resolveSegments(rootDir: string, segments: string[], pathApi: PathApi): AppPathResolution {
  const root = pathApi.resolve(rootDir);
  const file = pathApi.resolve(root, ...segments);
  const rel = pathApi.relative(root, file);
  if (rel === '' || rel === '..' || rel.startsWith('..\\') || rel.startsWith('../') || pathApi.isAbsolute(rel)) {
    return refuse(403, 'outside the renderer folder');
  }
  return { ok: true, file, mimeType: mimeTypeOf(segments[segments.length - 1]!) };
}

/** Headers on every app:// response, errors included. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
};

function errorResponse(status: 400 | 403 | 404 | 405 | 500, extra: Record<string, string> = {}): Response {
  const text = STATUS_TEXT[status] ?? 'Error';
  return new Response(`${status} ${text}`, {
    status,
    statusText: text,
    headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/**
 * fs.readFile with a callback: the form Electron reads inside app.asar for certain. The file is
 * opened through a fresh read, so nothing is served from a path the guard did not approve.
 */
const readFileDefault: ReadFile = (file) =>
  new Promise((resolve, reject) => fs.readFile(file, (err, data) => (err ? reject(err) : resolve(data))));

/** The response to one app:// request: GET or HEAD of a file inside the root, the CSP header always. */
export async function appProtocolResponse(
  rootDir: string,
  request: { url: string; method: string },
  readFile: ReadFile = readFileDefault,
  pathApi: PathApi = path,
): Promise<Response> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'HEAD') return errorResponse(405, { Allow: 'GET, HEAD' });
  const resolved = resolveAppPath(rootDir, request.url, pathApi);
  if (!resolved.ok) return errorResponse(resolved.status);
  let body: Uint8Array;
  try {
    body = await readFile(resolved.file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException | null)?.code;
    return errorResponse(code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? 404 : 500);
  }
  return new Response(method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
    status: 200,
    headers: { ...baseHeaders(), 'Content-Type': resolved.mimeType, 'Content-Length': String(body.byteLength) },
  });
}

/** Before the app is ready: app:// is a standard, secure scheme that supports fetch (module scripts). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Once ready: serve app:// from the built renderer folder (inside app.asar when packaged). */
export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rootDir, request));
}

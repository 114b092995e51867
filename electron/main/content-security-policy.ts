/**
 * The renderer's Content Security Policy: nothing remote, no eval, no plugins.
 *
 * Pure data: the app:// protocol handler sends it as a header with every response (app-protocol.ts),
 * the session adds it to any other response (session-policy.ts), and the Vite config also writes it
 * into the built index.html as a <meta>, so the page keeps it however it is opened. 'self' is the
 * page's origin, app://ledger (a standard scheme), so it means exactly the app's own files.
 * `style-src 'unsafe-inline'` because antd's CSS-in-JS injects <style> elements at run time.
 */

const BASE: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy of the built app, as a response header. */
export const CONTENT_SECURITY_POLICY = serialize(BASE);

/** The same policy as a <meta> tag: `frame-ancestors` is only honoured in a header (Chromium warns otherwise). */
export const META_CONTENT_SECURITY_POLICY = serialize(
  Object.fromEntries(Object.entries(BASE).filter(([name]) => name !== 'frame-ancestors')),
);

/**
 * The policy while developing against the Vite dev server: React Fast Refresh injects an inline
 * preamble script and hot reload talks over a WebSocket to the same host. Never used when packaged.
 */
export function devContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return serialize({
    ...BASE,
    'script-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws],
  });
}

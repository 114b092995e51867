/**
 * The one way out of the app to the web: a link to an http(s) address, shown to the officer and
 * opened in the system browser only after they say yes. Anything else (file:, smb:, mailto:,
 * javascript:, ms-settings:, custom handlers…) is refused without asking — shell.openExternal on
 * such a URL can start programs. The window never navigates itself (window.ts); it hands
 * http(s) links here.
 */
import { dialog, shell, type BrowserWindow, type MessageBoxOptions } from 'electron';

/** Asks whether to open this (normalised) address; true: open it. */
export type AskToOpenLink = (url: string) => Promise<boolean>;
export type OpenLink = (url: string) => Promise<void>;

const MAX_URL_LENGTH = 2048;

/**
 * The address to hand to the browser, normalised (punycode host, encoded path) so the officer sees
 * what will really open — or null: not http(s), no host, user:password@ (hides the real host), too long.
 */
export function externalLinkTarget(url: unknown): string | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_URL_LENGTH) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

/** Opens `url` in the system browser if it is http(s) and the officer agrees; true when opened. */
export async function openExternalSafely(url: unknown, ask: AskToOpenLink, open: OpenLink = (target) => shell.openExternal(target)): Promise<boolean> {
  const target = externalLinkTarget(url);
  if (target === null) return false;
  if (!(await ask(target))) return false;
  await open(target);
  return true;
}

/** The question as a dialog on the app window (or on its own while there is none). */
export function askInDialog(window: () => BrowserWindow | null): AskToOpenLink {
  return async (url) => {
    const options: MessageBoxOptions = {
      type: 'question',
      title: '打开外部网址',
      message: '要用系统浏览器打开下面的网址吗？',
      detail: `${url}\n\n督查台账是离线程序，本身不访问网络。请确认这个网址可信再打开。`,
      buttons: ['用浏览器打开', '取消'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    const win = window();
    const { response } = win && !win.isDestroyed() ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
    return response === 0;
  };
}

/**
 * openExternalSafely for a window's links: one question at a time (a page that calls window.open
 * in a loop gets one dialog, the rest are dropped), and a failure to start the browser is logged,
 * never thrown into an event handler.
 */
export function createExternalLinkOpener(ask: AskToOpenLink, open?: OpenLink): (url: string) => Promise<boolean> {
  let asking = false;
  return async (url) => {
    if (asking || externalLinkTarget(url) === null) return false;
    asking = true;
    try {
      return await openExternalSafely(url, ask, open);
    } catch (err) {
      console.error('打开外部网址失败 (opening an external link failed):', err);
      return false;
    } finally {
      asking = false;
    }
  };
}

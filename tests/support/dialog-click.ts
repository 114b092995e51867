/**
 * Clicking inside an antd dialog, confirm or popconfirm that has just opened, as a user would: once it has finished
 * opening (tests/e2e/sharing.test.ts found the flake this prevents).
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/** The page's element, typed here without pulling the DOM library into the Node-side tsconfig. */
type PageElement = { className: unknown; parentElement: PageElement | null };

/**
 * Clicks a button in an antd dialog or popconfirm once it has finished opening, as a user (who sees it only
 * then) would. While it opens, antd first lays the dialog out at full size but transparent for a few frames,
 * then zooms it in from a fifth of its size. Playwright finds the button visible and stable in those first
 * frames and may press it there; when the zoom begins before the release, the release lands beside the
 * shrunken dialog, the browser sends the click to the dialog's wrapper, and the dialog stays open. rc-motion
 * keeps its `…-appear` / `…-enter` class on the dialog until the opening has ended.
 */
export async function clickWhenOpened(button: Locator): Promise<void> {
  await button.waitFor();
  // as long as Playwright's own waits: an opening on a busy machine may take more than expect.poll's 1 s
  await expect
    .poll(
      () =>
        button.evaluate((element) => {
          for (let node = element as unknown as PageElement | null; node; node = node.parentElement) {
            if (typeof node.className === 'string' && /(^|\s)[\w-]+-(appear|enter)(\s|$)/.test(node.className)) return true;
          }
          return false;
        }),
      { timeout: 30_000 },
    )
    .toBe(false);
  await button.click();
}

/**
 * Which frame may call the IPC contract: only the main frame of our window, showing our page.
 *
 * A subframe, a page the window was somehow navigated to, or a frame already gone (`null`) is
 * refused — so even injected or foreign content in the renderer cannot reach the ledger.
 * Structural types only, so tests can pass plain objects.
 */

/** The part of Electron's WebFrameMain this check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

export type TrustedFrameCheck = (frame: FrameLike | null | undefined) => boolean;

export function createTrustedFrameCheck(
  getMainFrame: () => FrameLike | null | undefined,
  isAppPage: (url: string) => boolean,
): TrustedFrameCheck {
  return (frame) => {
    if (!frame || frame.parent !== null) return false;
    const main = getMainFrame();
    if (!main) return false;
    // Electron usually hands out the same WebFrameMain object for a frame; compare ids to be sure.
    const sameFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
    return sameFrame && isAppPage(frame.url);
  };
}

/**
 * Binds every channel of the contract to `ipcMain.handle` through one wrapper: check the sender
 * frame, then `dispatch` (parse the input, run the use case, turn every outcome into a Result).
 *
 * Depends only on the shape of `ipcMain` and its events, so tests can pass a fake.
 */
import type { Handlers, Result } from '../contract';
import { CHANNEL_NAMES } from '../contract/channel-names';
import { dispatch, toAppError } from '../services/dispatch';

export interface InvokeEventLike<Frame> {
  readonly senderFrame: Frame | null;
}

export interface IpcMainLike<Frame> {
  handle(channel: string, listener: (event: InvokeEventLike<Frame>, input: unknown) => Promise<unknown>): void;
}

export const FORBIDDEN_SENDER: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: '拒绝来自未知页面的请求。' },
};

export function bindContract<Ctx, Frame>(
  ipcMain: IpcMainLike<Frame>,
  handlers: Handlers<Ctx>,
  getContext: () => Ctx,
  isTrustedFrame: (frame: Frame | null) => boolean,
  /** An error no use case expected (the caller got 程序内部错误), with the channel it happened on: for the log. */
  onInternalError?: (err: unknown, channel: string) => void,
): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, input): Promise<Result<unknown>> => {
      if (!isTrustedFrame(event.senderFrame)) return FORBIDDEN_SENDER;
      let ctx: Ctx;
      try {
        ctx = getContext();
      } catch (err) {
        return { ok: false, error: toAppError(err) };
      }
      return dispatch(handlers, ctx, channel, input, onInternalError && ((err) => onInternalError(err, channel)));
    });
  }
}

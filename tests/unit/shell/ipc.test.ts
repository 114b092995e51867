import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel, type Handlers } from '../../../electron/contract';
import { bindContract, type InvokeEventLike, type IpcMainLike } from '../../../electron/main/ipc';
import { isRendererPage, resolveRendererLocation } from '../../../electron/main/renderer-location';
import { createTrustedFrameCheck, type FrameLike } from '../../../electron/main/trusted-frame';
import { ServiceError } from '../../../electron/services/errors';

type Listener = (event: InvokeEventLike<FrameLike>, input: unknown) => Promise<unknown>;

/** A stand-in for ipcMain: keeps the listener bound to each channel. */
function fakeIpcMain() {
  const bound = new Map<string, Listener>();
  const ipcMain: IpcMainLike<FrameLike> = {
    handle: (channel, listener) => {
      if (bound.has(channel)) throw new Error(`bound twice: ${channel}`);
      bound.set(channel, listener);
    },
  };
  return { ipcMain, bound };
}

interface Ctx {
  name: string;
}

function fakeHandlers() {
  const calls: Array<{ channel: Channel; input: unknown; ctx: Ctx }> = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      vi.fn((input: unknown, ctx: Ctx) => {
        calls.push({ channel, input, ctx });
        return { handled: channel };
      }),
    ]),
  ) as unknown as Handlers<Ctx>;
  return { handlers, calls };
}

const location = resolveRendererLocation({ devServerUrl: undefined, isPackaged: true, mainDir: path.resolve('/app/out/main') });
const pageUrl = 'app://ledger/index.html'; // how the built page is served (app-protocol.ts)
const mainFrame: FrameLike = { url: `${pageUrl}#/ledger`, parent: null, processId: 4, routingId: 1 };

function setUp(getContext: () => Ctx = () => ({ name: 'ledger' })) {
  const { ipcMain, bound } = fakeIpcMain();
  const { handlers, calls } = fakeHandlers();
  const isTrusted = createTrustedFrameCheck(() => mainFrame, (url) => isRendererPage(location, url));
  bindContract(ipcMain, handlers, getContext, isTrusted, () => {});
  const invoke = (channel: string, input: unknown, frame: FrameLike | null = mainFrame) => bound.get(channel)!({ senderFrame: frame }, input);
  return { bound, calls, invoke };
}

describe('bindContract', () => {
  it('binds every contract channel, and nothing else', () => {
    const { bound } = setUp();
    expect([...bound.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('a valid call from our window returns the dispatch result', async () => {
    const { invoke, calls } = setUp();
    await expect(invoke('tasks.leaders', {})).resolves.toEqual({ ok: true, value: { handled: 'tasks.leaders' } });
    expect(calls).toEqual([{ channel: 'tasks.leaders', input: {}, ctx: { name: 'ledger' } }]);
  });

  it('parses the input with the contract before the handler sees it', async () => {
    const { invoke, calls } = setUp();
    const refused = (await invoke('tasks.get', { id: 'not-an-id' })) as { ok: boolean; error: { code: string; message: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('invalid_input');
    expect(refused.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(calls).toEqual([]);
  });

  const foreign: Array<[string, FrameLike | null]> = [
    ['no sender frame (gone)', null],
    ['a subframe of our page', { url: pageUrl, parent: mainFrame, processId: 4, routingId: 2 }],
    ['a remote page', { ...mainFrame, url: 'https://example.com/' }],
    ['another local file', { ...mainFrame, url: pathToFileURL(path.resolve('/tmp/evil.html')).href }],
    ['our built page opened as a file', { ...mainFrame, url: pathToFileURL(path.resolve('/app/out/renderer/index.html')).href }],
    ['another app:// host', { ...mainFrame, url: 'app://evil/index.html' }],
    ['another window with our URL', { url: pageUrl, parent: null, processId: 9, routingId: 1 }],
  ];
  for (const [what, frame] of foreign) {
    it(`refuses a call from ${what} with code 'forbidden', running no handler`, async () => {
      const { invoke, calls } = setUp();
      for (const channel of CHANNELS) {
        await expect(invoke(channel, {}, frame)).resolves.toEqual({
          ok: false,
          error: { code: 'forbidden', message: '拒绝来自未知页面的请求。' },
        });
      }
      expect(calls).toEqual([]);
    });
  }

  it('turns a closed ledger into a Result, not an exception', async () => {
    const { invoke, calls } = setUp(() => {
      throw new ServiceError('db_io', '台账文件已关闭，本次操作未完成。请重新启动程序。');
    });
    await expect(invoke('settings.get', {})).resolves.toEqual({
      ok: false,
      error: { code: 'db_io', message: '台账文件已关闭，本次操作未完成。请重新启动程序。' },
    });
    expect(calls).toEqual([]);
  });
});

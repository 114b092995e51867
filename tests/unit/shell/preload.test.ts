import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../electron/contract';

/** A stand-in for the sandboxed preload's `electron`: records what is exposed and invoked. */
const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => fake.exposed.set(key, value) },
  ipcRenderer: { invoke: fake.invoke },
}));

await import('../../../electron/preload/index');

describe('preload', () => {
  it('exposes only `api` in the main world', () => {
    expect([...fake.exposed.keys()]).toEqual(['api']);
  });

  it('`api` has exactly one function per contract channel', () => {
    const api = fake.exposed.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(api[channel], channel).toBeTypeOf('function');
  });

  it('each function invokes its own channel with the input, unchanged', async () => {
    const api = fake.exposed.get('api') as Record<string, (input: unknown) => Promise<unknown>>;
    for (const channel of CHANNELS) {
      const input = { probe: channel };
      await expect(api[channel]!(input)).resolves.toEqual({ ok: true, value: { channel, input } });
      expect(fake.invoke).toHaveBeenLastCalledWith(channel, input);
    }
    expect(fake.invoke).toHaveBeenCalledTimes(CHANNELS.length);
  });
});

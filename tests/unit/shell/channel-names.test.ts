import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../electron/contract/channel-names';
import { CHANNELS, contract } from '../../../electron/contract';

describe('channel-names (the zod-free list the preload uses)', () => {
  it('lists exactly the channels of the contract, each once', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual([...CHANNELS].sort());
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract } from '../../../electron/contract/channels';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { openTempLedger, type TempLedger } from '../../support/temp-ledger';

let t: TempLedger;
beforeAll(async () => {
  t = await openTempLedger('2016-09-20');
});
afterAll(async () => t.close());

const CJK = /[\u4e00-\u9fff]/;

/** An object with every declared field set to a value no field accepts. */
function wrongTypes(channel: (typeof CHANNELS)[number]): Record<string, unknown> {
  const schema = contract[channel].input as unknown as z.ZodObject;
  const keys = Object.keys(schema.shape ?? {});
  return keys.length === 0 ? { unexpected: true } : Object.fromEntries(keys.map((k) => [k, { nested: '\u0000' }]));
}

describe('dispatch', () => {
  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS)('%s rejects inputs of the wrong shape with a typed Chinese error', async (channel) => {
    for (const input of ['text', 42, [1, 2], true, wrongTypes(channel)]) {
      const result = await dispatch(handlers, t.ctx, channel, input);
      expect(result.ok, `${channel} accepted ${JSON.stringify(input)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('invalid_input');
      expect(result.error.message).toMatch(CJK);
    }
  });

  it('refuses a channel that is not in the contract', async () => {
    for (const name of ['tasks.drop', '__proto__', 'constructor', 42, null]) {
      const result = await dispatch(handlers, t.ctx, name, {});
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: '不支持的操作。' } });
    }
  });

  it('keeps hostile but valid text intact: NUL-free CJK Extension B, emoji and RTL marks', async () => {
    const name = '𠀀𠀁测试单位😀\u200f';
    const unit = await t.ok('units.create', { name, kind: 'other' });
    expect(unit.name).toBe(name);
  });

  it('turns an unexpected exception into an internal error without leaking it', async () => {
    const broken = { ...handlers, 'app.info': () => { throw new Error('secret stack'); } };
    let logged: unknown = null;
    const result = await dispatch(broken, t.ctx, 'app.info', {}, (err) => { logged = err; });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).not.toContain('secret');
    }
    expect(logged).toBeInstanceOf(Error);
  });
});

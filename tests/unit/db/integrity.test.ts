import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../db/connection';
import { seed } from './fixtures';
import { ManualTime, openTestLedger, tempDir, writeContext } from './helpers';

describe('checkIntegrity', () => {
  it('passes a healthy ledger', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    await seed(ledger.db, writeContext(new ManualTime(Date.UTC(2016, 2, 2)), '张三', ledger.deviceId!));
    expect(checkIntegrity(ledger.sqlite)).toEqual({ ok: true, messages: [] });
  });

  it('names the table of a dangling reference', async () => {
    const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
    await seed(ledger.db, writeContext(new ManualTime(Date.UTC(2016, 2, 2)), '张三', ledger.deviceId!));
    ledger.sqlite.pragma('foreign_keys = OFF'); // as a careless tool would
    ledger.sqlite.exec(`UPDATE tasks SET parent_id = 'no-such-task'`);
    ledger.sqlite.pragma('foreign_keys = ON');
    const report = checkIntegrity(ledger.sqlite);
    expect(report.ok).toBe(false);
    expect(report.messages).toEqual([expect.stringMatching(/^引用缺失：表 tasks 第 \d+ 行引用的 tasks 记录不存在$/)]);
  });

  it('runs on a read-only connection', async () => {
    const dir = tempDir();
    const writer = openTestLedger(join(dir, 'ledger.db'));
    await seed(writer.db, writeContext(new ManualTime(Date.UTC(2016, 2, 2)), '张三', writer.deviceId!));
    await writer.close();
    const reader = openTestLedger(join(dir, 'ledger.db'), { readonly: true });
    expect(checkIntegrity(reader.sqlite)).toEqual({ ok: true, messages: [] });
  });
});

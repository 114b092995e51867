/**
 * Crash safety with real processes: a child syncs and is killed (SIGKILL) at every step, at random moments
 * inside it. Each time the shared file must be the old whole file or the new whole file, the working ledger
 * must open and pass its checks, and the next sync (breaking the dead process's lock) must succeed.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ledgerDigest } from '../../../db/sync/merge';
import { createWorkingCopyFrom } from '../../../electron/services/sharing/sync';
import { addTask, addUnit, integrityOf, openWorking, renameTask, scratchDir, sha256, startChild, syncWorking, TestTime, withFile } from './helpers';

const STEPS = ['lock', 'copy', 'check', 'backup', 'merge', 'write', 'verify', 'replace', 'done'] as const;
const RUNS = STEPS.length * 3;

/** Two diverged copies: the shared file has B's changes, A's working file has its own. Both closed. */
async function divergedFiles(root: string): Promise<{ working: string; shared: string }> {
  const shared = path.join(root, 'share', '共享台账.db');
  mkdirSync(path.dirname(shared), { recursive: true });
  const a = await openWorking(path.join(root, 'a', '督查台账.db'), '张三', new TestTime());
  const unit = await addUnit(a, '区交通运输局');
  const common = await addTask(a, unit, '常务会-1', '抓紧完成104国道上虞段改线工程政策处理');
  await syncWorking(a, shared);
  const copy = await createWorkingCopyFrom(shared, path.join(root, 'b', '督查台账.db'), { tempDir: path.join(root, 'b', 'tmp') });
  const b = await openWorking(copy.workingPath, '李四', new TestTime(a.time.ms + 60_000));
  for (let i = 0; i < 20; i += 1) await addTask(b, unit, `B-${i}`, `B 的事项 ${i}`);
  await renameTask(b, common, '104国道改线（B 改）');
  await syncWorking(b, shared);
  for (let i = 0; i < 20; i += 1) await addTask(a, unit, `A-${i}`, `A 的事项 ${i}`);
  await renameTask(a, common, '104国道改线（A 改）');
  await a.close();
  await b.close();
  return { working: a.file, shared };
}

describe('a sync killed at any point', () => {
  it(`leaves the shared file old-whole or new-whole and the working ledger intact (${RUNS} kills)`, async () => {
    const root = scratchDir('ledger-crash-');
    const baseline = await divergedFiles(path.join(root, 'baseline'));
    const oldShared = sha256(baseline.shared);
    const outcomes = { old: 0, new: 0 };

    for (let run = 0; run < RUNS; run += 1) {
      const dir = path.join(root, `run-${run}`);
      const working = path.join(dir, 'a', '督查台账.db');
      const shared = path.join(dir, 'share', '共享台账.db');
      mkdirSync(path.dirname(working), { recursive: true });
      mkdirSync(path.dirname(shared), { recursive: true });
      copyFileSync(baseline.working, working);
      copyFileSync(baseline.shared, shared);

      const step = STEPS[run % STEPS.length]!;
      const child = await startChild('sync-runner', [working, shared, path.join(dir, 'tmp'), '15']);
      await Promise.race([child.waitFor(new RegExp(`^step ${step}$`)), child.exited]);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 25)));
      child.process.kill('SIGKILL');
      await child.exited;

      // The shared file: the old bytes, or a whole new ledger equal to the (merged) working one.
      expect(withFile(shared, integrityOf), `run ${run} (${step})`).toBe('ok');
      const a = await openWorking(working, null, new TestTime(new Date(2016, 8, 22).getTime()));
      expect(a.ctx.ledger.sqlite.pragma('quick_check', { simple: true })).toBe('ok');
      if (sha256(shared) === oldShared) {
        outcomes.old += 1;
      } else {
        outcomes.new += 1;
        expect(withFile(shared, (db) => ledgerDigest(db)), `run ${run} (${step})`).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
      }

      // The next sync succeeds (the dead process's lock is broken with the user's consent) and converges.
      const next = await syncWorking(a, shared, { breakStaleLock: true });
      expect(next.mode).toBe('merged');
      expect(withFile(shared, (db) => ledgerDigest(db))).toEqual(ledgerDigest(a.ctx.ledger.sqlite));
      expect(readdirSync(path.dirname(shared)).filter((f) => f.endsWith('.tmp') || f.endsWith('.lock'))).toEqual([]);
      await a.close();
    }
    console.info(`崩溃测试：${RUNS} 次中断，共享台账保持旧文件 ${outcomes.old} 次、已换成新文件 ${outcomes.new} 次。`);
    expect(outcomes.old).toBeGreaterThan(0);
    expect(outcomes.new).toBeGreaterThan(0);
  }, 180_000);
});

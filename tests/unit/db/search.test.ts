import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../db/connection';
import { insertRow, tombstoneRow, updateRow, type NewRow } from '../../../db/repository';
import {
  countSearchHits,
  ftsPhraseQuery,
  likeContainsPattern,
  rebuildTaskSearch,
  searchTaskIds,
  splitSearchTerms,
  taskIdsMatchingSql,
} from '../../../db/search';
import { TASK, UNIT } from './fixtures';
import { ManualTime, openTestLedger, tempDir, writeContext } from './helpers';

async function setUp() {
  const ledger = openTestLedger(join(tempDir(), 'ledger.db'));
  const time = new ManualTime(Date.UTC(2016, 2, 2));
  const ctx = writeContext(time, '张三', ledger.deviceId!);
  const { db } = ledger;
  const unitId = await db.transaction().execute((trx) => insertRow(trx, ctx, 'units', { ...UNIT }));
  const addTask = (values: Partial<NewRow<'tasks'>>) =>
    db.transaction().execute((trx) => {
      time.advance(1000); // distinct, time-ordered ids
      return insertRow(trx, ctx, 'tasks', { ...TASK, ...values });
    });
  const addReport = (taskId: string, values: { done_text?: string; problems?: string; next_steps?: string; stage?: string }) =>
    db.transaction().execute((trx) =>
      insertRow(trx, ctx, 'progress_reports', {
        task_id: taskId,
        unit_id: unitId,
        period: '2016-Q2',
        report_date: '2016-06-30',
        percent: 50,
        stage: '',
        done_text: '',
        problems: '',
        next_steps: '',
        no_change: 0,
        reporter: '赵六',
        ...values,
      }),
    );
  const search = (query: string) => searchTaskIds(db, query);
  return { ledger, db, ctx, addTask, addReport, search };
}

describe('search query parsing', () => {
  it('splits on any whitespace (full-width space included) into indexed and scanned terms', () => {
    expect(splitSearchTerms('  五水共治\u3000放假 a ')).toEqual({ indexed: ['五水共治'], scanned: ['放假', 'a'] });
    expect(splitSearchTerms('')).toEqual({ indexed: [], scanned: [] });
  });

  it('quotes each FTS term as a phrase, doubling inner quotes', () => {
    expect(ftsPhraseQuery(['三改一拆', 'say "hi"'])).toBe('"三改一拆" "say ""hi"""');
  });

  it('escapes LIKE wildcards', () => {
    expect(likeContainsPattern('50%_\\')).toBe('%50\\%\\_\\\\%');
  });

  it('uses the FTS index for 3+ characters and LIKE for shorter terms', async () => {
    const { db } = await setUp();
    const long = taskIdsMatchingSql('五水共治').compile(db).sql;
    expect(long).toContain('MATCH');
    expect(long).not.toContain('LIKE');
    const short = taskIdsMatchingSql('放假').compile(db).sql;
    expect(short).toContain('LIKE');
    expect(short).not.toContain('MATCH');
  });
});

describe('searchTaskIds', () => {
  it('finds a task by 3+ characters of its code, title, content, source or leader', async () => {
    const { addTask, search } = await setUp();
    const id = await addTask({ code: '会2016-05-3', title: '推进五水共治', content: '城区截污纳管', source_ref: '区长办公会议', leader: '李建国' });
    const other = await addTask({ code: '7', title: '特色小镇创建', content: '', source_ref: '', leader: '' });
    for (const query of ['2016-05', '五水共治', '截污纳管', '区长办公', '李建国']) {
      expect(await search(query), query).toEqual([id]);
    }
    expect(await search('特色小镇')).toEqual([other]);
  });

  it('finds a two-character word through the fallback, which the trigram index alone cannot', async () => {
    const { db, addTask, search } = await setUp();
    const id = await addTask({ title: '国庆节放假期间安全生产检查' });
    await addTask({ title: '百官街道老旧小区改造' });
    expect(await search('放假')).toEqual([id]);
    expect(await search('安全')).toEqual([id]);
    // Why the fallback exists: a trigram MATCH on two characters finds nothing.
    const direct = await sql<{ task_id: string }>`SELECT task_id FROM task_search WHERE task_search MATCH ${'"放假"'}`.execute(db);
    expect(direct.rows).toEqual([]);
  });

  it('finds a task through the text of its progress reports', async () => {
    const { addTask, addReport, search } = await setUp();
    const id = await addTask({ title: '推进五水共治' });
    await addTask({ title: '特色小镇创建' });
    await addReport(id, { done_text: '已完成截污管网铺设', problems: '征地拆迁进度滞后', next_steps: '加快清淤', stage: '施工' });
    expect(await search('截污管网')).toEqual([id]);
    expect(await search('征地拆迁')).toEqual([id]);
    expect(await search('清淤')).toEqual([id]);
    expect(await search('施工')).toEqual([id]);
  });

  it('does not find tombstoned tasks or the text of tombstoned reports', async () => {
    const { db, ctx, addTask, addReport, search } = await setUp();
    const gone = await addTask({ title: '已撤销的督办事项' });
    const kept = await addTask({ title: '保留的督办事项' });
    const report = await addReport(kept, { done_text: '报告内容将被删除' });
    await db.transaction().execute(async (trx) => {
      await tombstoneRow(trx, ctx, 'tasks', gone);
      await tombstoneRow(trx, ctx, 'progress_reports', report);
    });
    expect(await search('督办事项')).toEqual([kept]);
    expect(await search('撤销')).toEqual([]);
    expect(await search('将被删除')).toEqual([]);
    expect(await search('保留')).toEqual([kept]);
  });

  it('counts the live tasks an indexed search finds inside the index, and leaves a short term to the caller', async () => {
    const { db, ctx, addTask, addReport, search } = await setUp();
    const gone = await addTask({ title: '已撤销的督办事项' });
    const kept = await addTask({ title: '保留的督办事项' });
    await addReport(kept, { done_text: '督办事项推进中' }); // a task found twice over is one hit
    await addTask({ title: '另一件督办事项' });
    await db.transaction().execute((trx) => tombstoneRow(trx, ctx, 'tasks', gone));
    expect(await countSearchHits(db, '督办事项')).toBe((await search('督办事项')).length);
    expect(await countSearchHits(db, '督办事项')).toBe(2);
    expect(await countSearchHits(db, '督办事项 保留')).toBeNull(); // 保留: two characters, matched by LIKE
    expect(await countSearchHits(db, '无此内容的词')).toBe(0);
  });

  it('follows edits: the old text is no longer found, the new one is', async () => {
    const { db, ctx, addTask, search } = await setUp();
    const id = await addTask({ title: '三改一拆专项督查' });
    await db.transaction().execute((trx) => updateRow(trx, ctx, 'tasks', id, { title: '招商选资一号工程' }));
    expect(await search('三改一拆')).toEqual([]);
    expect(await search('一号工程')).toEqual([id]);
  });

  it('requires every term, indexed and scanned alike', async () => {
    const { addTask, search } = await setUp();
    const both = await addTask({ title: '五水共治', content: '上浦镇' });
    await addTask({ title: '五水共治', content: '章镇' });
    expect(await search('五水共治 上浦')).toEqual([both]);
    expect(await search('上浦 不存在的词')).toEqual([]);
  });

  it('takes quotes, %, _ and FTS operators literally', async () => {
    const { addTask, search } = await setUp();
    const percent = await addTask({ title: '完成率50%以上' });
    await addTask({ title: '完成率500以上' });
    const quoted = await addTask({ title: '开展"回头看"活动' });
    const operators = await addTask({ title: 'NOT OR AND 测试' });
    expect(await search('50%')).toEqual([percent]);
    expect(await search('5_')).toEqual([]);
    expect(await search('"回头看"')).toEqual([quoted]);
    expect(await search('OR AND')).toEqual([operators]);
    expect(await search('NEAR(')).toEqual([]);
  });

  it('ignores ASCII case', async () => {
    const { addTask, search } = await setUp();
    const id = await addTask({ title: 'PPP项目推进' });
    expect(await search('ppp')).toEqual([id]);
    expect(await search('pP')).toEqual([id]);
  });

  it('lists the newest task first, up to the limit; a blank query matches every live task', async () => {
    const { db, addTask } = await setUp();
    const first = await addTask({ title: '督查事项一' });
    const second = await addTask({ title: '督查事项二' });
    const third = await addTask({ title: '督查事项三' });
    expect(await searchTaskIds(db, '督查事项')).toEqual([third, second, first]);
    expect(await searchTaskIds(db, '督查事项', 2)).toEqual([third, second]);
    expect(await searchTaskIds(db, '   ')).toEqual([third, second, first]);
  });

  it('serves as a filter inside a ledger query', async () => {
    const { db, addTask } = await setUp();
    const hit = await addTask({ title: '河长制落实', year: 2016 });
    await addTask({ title: '河长制落实', year: 2017 });
    const rows = await db
      .selectFrom('tasks as t')
      .select('t.id')
      .where('t.year', '=', 2016)
      .where(sql<boolean>`t.id IN ${taskIdsMatchingSql('河长')}`)
      .execute();
    expect(rows).toEqual([{ id: hit }]);
  });
});

describe('rebuildTaskSearch', () => {
  it('repairs an index that lost documents', async () => {
    const { ledger, addTask, addReport, search } = await setUp();
    const id = await addTask({ title: '推进五水共治' });
    await addReport(id, { done_text: '截污管网' });
    ledger.sqlite.exec(`DELETE FROM task_search_docs`);
    expect(await search('五水共治')).toEqual([]);
    const damaged = checkIntegrity(ledger.sqlite);
    expect(damaged.ok).toBe(false);
    expect(damaged.messages.join('\n')).toMatch(/全文索引/);

    rebuildTaskSearch(ledger.sqlite);

    expect(await search('五水共治')).toEqual([id]);
    expect(await search('截污管网')).toEqual([id]);
    expect(checkIntegrity(ledger.sqlite)).toEqual({ ok: true, messages: [] });
  });
});

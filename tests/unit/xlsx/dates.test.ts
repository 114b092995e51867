import { describe, expect, it } from 'vitest';
import { readDueDate, readDueText } from '../../../electron/services/xlsx/dates';
import { headerKind } from '../../../electron/services/xlsx/headers';
import { collectiveOf, splitUnits, unitKey } from '../../../electron/services/xlsx/unit-names';

describe('完成时限 as written in breakdown tables', () => {
  it.each([
    ['2016年6月底', '2016-06-30'],
    ['2016年6月30日前', '2016-06-30'],
    ['6月30日前', '2016-06-30'],
    ['2016-06-30', '2016-06-30'],
    ['2016/6/30', '2016-06-30'],
    ['2016.6', '2016-06-30'],
    ['6月底', '2016-06-30'],
    ['9月中旬', '2016-09-20'],
    ['11月上旬', '2016-11-10'],
    ['2月底前', '2016-02-29'],
    ['年底前', '2016-12-31'],
    ['年内', '2016-12-31'],
    ['2017年底', '2017-12-31'],
    ['一季度', '2016-03-31'],
    ['第二季度', '2016-06-30'],
    ['三季度末', '2016-09-30'],
    ['上半年', '2016-06-30'],
    ['前三季度', '2016-09-30'],
    ['6月底前完成方案，年底前完工', '2016-12-31'],
    ['３月－６月', '2016-06-30'],
  ])('%s → %s', (text, date) => {
    const r = readDueText(text, 2016);
    expect(r.problem).toBeNull();
    expect(r.date).toBe(date);
    expect(r.longTerm).toBe(false);
  });

  it('长期坚持 and 持续推进 are due at year end and flagged', () => {
    for (const text of ['长期坚持', '持续推进', '常态化推进']) {
      expect(readDueText(text, 2016)).toMatchObject({ date: '2016-12-31', longTerm: true, problem: null });
    }
  });

  it('Excel dates and serial numbers', () => {
    expect(readDueDate(new Date(Date.UTC(2016, 5, 30)), 2016).date).toBe('2016-06-30');
    expect(readDueDate(42551, 2016).date).toBe('2016-06-30');
    expect(readDueDate({ formula: 'DATE(2016,6,30)', result: new Date(Date.UTC(2016, 5, 30)) } as never, 2016).date).toBe('2016-06-30');
  });

  it('empty, impossible and unreadable dates', () => {
    expect(readDueText('', 2016)).toMatchObject({ date: null, problem: null });
    expect(readDueText('6月31日', 2016).problem).toContain('不存在');
    expect(readDueText('尽快', 2016).problem).toContain('无法识别完成时限');
  });
});

describe('header names and unit cells', () => {
  it.each([
    ['序号', 'code'],
    ['编号', 'code'],
    ['工作任务', 'task'],
    ['目标任务', 'task'],
    ['任务内容', 'task'],
    ['项目名称', 'name'],
    ['责任领导', 'leader'],
    ['分管领导', 'leader'],
    ['区领导', 'leader'],
    ['牵头单位', 'leadUnits'],
    ['主要责任单位', 'leadUnits'],
    ['责任单位', 'leadUnits'],
    ['牵头部门', 'leadUnits'],
    ['配合单位', 'assistUnits'],
    ['协办单位', 'assistUnits'],
    ['协同\n配合单位', 'assistUnits'],
    ['完成时限', 'dueDate'],
    ['时间节点', 'dueDate'],
    ['完成时间（月）', 'dueDate'],
    ['一季度', 'q1'],
    ['第四季度', 'q4'],
    ['2016年政府工作报告目标任务细化分解表', null],
  ])('%s → %s', (header, kind) => expect(headerKind(header)).toBe(kind));

  it('splits units on 、，, ; / and spaces, with role notes', () => {
    expect(splitUnits('区发改局、区财政局，区住建局;百官街道/曹娥街道 道墟镇', 'lead').map((t) => t.text)).toEqual([
      '区发改局',
      '区财政局',
      '区住建局',
      '百官街道',
      '曹娥街道',
      '道墟镇',
    ]);
    expect(splitUnits('区发改局（牵头）、区财政局（配合）', 'lead')).toEqual([
      { text: '区发改局', role: 'lead' },
      { text: '区财政局', role: 'assist' },
    ]);
  });

  it('keys and collectives', () => {
    expect(unitKey('区发改局')).toBe(unitKey('发改局'));
    expect(unitKey('道墟镇人民政府')).toBe('道墟镇');
    expect(unitKey('上虞区百官街道办事处')).toBe('百官街道');
    expect(collectiveOf('各乡镇（街道）')).toEqual({ kinds: ['township', 'subdistrict'] });
    expect(collectiveOf('区级有关部门')).toEqual({ vague: true });
    expect(collectiveOf('区发改局')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import {
  chineseCount,
  chineseNumber,
  formatChineseDate,
  formatRate,
  plainTitle,
  quoted,
  sentence,
  truncateText,
} from '../../../../electron/services/documents/builders/chinese-text';
import { officeWordsOf } from '../../../../electron/services/documents/builders/draft-context';
import { fileStemOf, uniqueStems } from '../../../../electron/services/documents/builders/file-stem';
import { periodLabel } from '../../../../electron/services/documents/builders/period';

describe('how documents write numbers, dates and names', () => {
  it('dates without zero padding, rates with at most one decimal', () => {
    expect(formatChineseDate('2016-07-05')).toBe('2016年7月5日');
    expect(formatChineseDate('2016-10-12')).toBe('2016年10月12日');
    expect(formatRate(1, 3)).toBe('33.3%');
    expect(formatRate(2, 5)).toBe('40%');
    expect(formatRate(0, 0)).toBe('—');
  });

  it('Chinese numerals for headings and counts', () => {
    expect([1, 10, 12, 20, 35].map(chineseNumber)).toEqual(['一', '十', '十二', '二十', '三十五']);
    expect(chineseCount(2)).toBe('两');
    expect(chineseCount(10)).toBe('十');
  });

  it('task titles as sentences quote them', () => {
    expect(plainTitle('汽车零部件智能化技术改造项目（年度计划投资3亿元）')).toBe('汽车零部件智能化技术改造项目');
    expect(plainTitle('建成市级以上民主法治村（社区）10个')).toBe('建成市级以上民主法治村（社区）10个');
    expect(quoted('提出“三改一拆”拆后土地利用方案')).toBe('“提出‘三改一拆’拆后土地利用方案”');
    expect(sentence('资金到位较慢；')).toBe('资金到位较慢。');
    expect(sentence('已完成。')).toBe('已完成。');
    expect(truncateText('截至8月底，累计完成14处。落实建设点位和器材采购，同步制定开放管理办法。', 20)).toBe('截至8月底，累计完成14处。');
  });

  it('periods by their usual names', () => {
    expect(periodLabel('2016-01-01', '2016-06-30')).toBe('2016年上半年');
    expect(periodLabel('2016-07-01', '2016-09-30')).toBe('2016年第三季度');
    expect(periodLabel('2016-01-01', '2016-12-31')).toBe('2016年');
    expect(periodLabel('2016-01-01', '2016-08-31')).toBe('2016年1—8月');
    expect(periodLabel('2016-05-01', '2016-05-31')).toBe('2016年5月');
    expect(periodLabel('2016-07-05', '2016-09-20')).toBe('2016年7月5日至9月20日');
  });

  it('the organ’s words follow its level', () => {
    expect(officeWordsOf('绍兴市上虞区人民政府办公室', '督查科')).toEqual({
      office: '区政府办公室',
      government: '区政府',
      reportTo: '区政府办公室（督查科）',
      allUnits: '各乡镇人民政府、街道办事处，区直各部门和单位',
    });
    expect(officeWordsOf('新昌县人民政府办公室', '').reportTo).toBe('县政府办公室');
  });

  it('file names Windows accepts, unique within a batch', () => {
    expect(fileStemOf(['督查通知书', '区发改局/区财政局', 'a:b*c?"d<e>f|g', '2016-09-20'])).toBe('督查通知书-区发改局区财政局-abcdefg-2016-09-20');
    expect(fileStemOf(['台账摘录', '...', ''])).toBe('台账摘录');
    expect(Array.from(fileStemOf(['督办单', '很'.repeat(200)])).length).toBeLessThanOrEqual(80);
    expect(uniqueStems(['a', 'a', 'a-2', 'b'])).toEqual(['a', 'a-2', 'a-2-2', 'b']);
  });
});

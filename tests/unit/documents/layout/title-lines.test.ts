import { describe, expect, it } from 'vitest';
import { breakTitle } from '../../../../electron/services/documents/layout';
import { textWidth } from '../../../../electron/services/documents/layout/text';

const MAX = 18;
const widths = (lines: string[]) => lines.map(textWidth);
/** characters that are not punctuation: a line must hold at least two */
const letters = (line: string) => [...line].filter((c) => !/[\p{P}\s]/u.test(c)).length;

describe('breakTitle', () => {
  it('leaves a title that fits on one line', () => {
    expect(breakTitle('关于进一步加强督查工作的通知', MAX)).toEqual(['关于进一步加强督查工作的通知']);
  });

  it('never leaves a single character alone on a line', () => {
    const title = '一二三四五六七八九十一二三四五六七八九'; // 19: greedy filling would leave one
    const lines = breakTitle(title, MAX);
    expect(lines.join('')).toBe(title);
    expect(lines).toHaveLength(2);
    expect(Math.min(...lines.map(letters))).toBeGreaterThanOrEqual(2);
    for (const title of ['关于做好督查工作的通知通知通知通知知了', '关于表扬2016年度督查工作先进单位的通报']) {
      expect(Math.min(...breakTitle(title, MAX).map(letters))).toBeGreaterThanOrEqual(2);
    }
  });

  it('balances the lines of a long title (梯形) within a character or two', () => {
    const title = '上虞区人民政府办公室关于做好2016年区政府重点目标任务督查工作的通知';
    const lines = breakTitle(title, MAX);
    expect(lines.join('')).toBe(title);
    expect(Math.max(...widths(lines))).toBeLessThanOrEqual(MAX);
    const long = '关于对百官街道、曹娥街道、东关街道、道墟镇、梁湖镇、小越镇、崧厦镇、沥海镇等单位重点项目推进不力问题的批评通报';
    const many = breakTitle(long, MAX);
    expect(many.join('')).toBe(long);
    expect(many.length).toBe(Math.ceil(textWidth(long) / MAX));
    expect(Math.max(...widths(many)) - Math.min(...widths(many))).toBeLessThanOrEqual(2);
  });

  it('never splits a run of Latin letters or digits, and keeps a number with its unit', () => {
    for (const title of ['关于开展G20峰会环境保障工作专项督查情况的通报', '关于2016年上半年区政府十方面民生实事项目推进情况的通报', '关于做好WiFi全覆盖和5G基站建设工作的通知']) {
      const lines = breakTitle(title, 12);
      expect(lines.join('')).toBe(title);
      for (const run of title.match(/[A-Za-z0-9]+/g)!) expect(lines.some((line) => line.includes(run))).toBe(true);
      expect(lines.some((line) => line.startsWith('年'))).toBe(false);
    }
  });

  it('counts a Latin letter or digit as half a character', () => {
    const title = '关于2016年度ABCDEFGH项目的通知'; // 11 Chinese + 12 half-width = 17
    expect(breakTitle(title, MAX)).toEqual([title]);
  });

  it('keeps punctuation off the start (closing) and the end (opening) of a line', () => {
    const title = '关于印发《上虞区人民政府办公室督查工作规则（试行）》的通知';
    const lines = breakTitle(title, 10);
    expect(lines.join('')).toBe(title);
    for (const line of lines) {
      expect(line).not.toMatch(/^[，。、》）]/);
      expect(line).not.toMatch(/[《（]$/);
    }
  });

  it('prefers a break between words to the most even break that cuts one', () => {
    // the evenest split of the first would be 环境保|障; the second is as even either side of 目标
    expect(breakTitle('关于开展G20峰会环境保障工作专项督查的通知', MAX)).toEqual(['关于开展G20峰会环境', '保障工作专项督查的通知']);
    expect(breakTitle('关于对全区2016年政府工作报告目标任务落实情况开展督查的通知', MAX)).toEqual([
      '关于对全区2016年政府工作报告',
      '目标任务落实情况开展督查的通知',
    ]);
  });

  it('prefers breaking after 的 or a comma when that is as even', () => {
    expect(breakTitle('关于百官街道、曹娥街道重点项目推进情况的通报', 12)).toEqual(['关于百官街道、曹娥街道', '重点项目推进情况的通报']);
  });

  it('keeps the line breaks an officer typed', () => {
    expect(breakTitle('上虞区人民政府办公室\n关于督查工作的通知', MAX)).toEqual(['上虞区人民政府办公室', '关于督查工作的通知']);
  });
});

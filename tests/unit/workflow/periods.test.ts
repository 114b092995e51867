import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../../electron/services/calendar';
import { deadlinePeriod, latestDuePeriod, milestonePeriods, periodsOfYear } from '../../../electron/services/workflow/periods';

describe('reporting periods', () => {
  it('half-yearly: 上半年 and 下半年, due graceDays after the end', () => {
    expect(periodsOfYear('half_yearly', 2016, 10)).toEqual([
      { key: '2016-H1', label: '2016年上半年', start: '2016-01-01', end: '2016-06-30', dueDate: '2016-07-10' },
      { key: '2016-H2', label: '2016年下半年', start: '2016-07-01', end: '2016-12-31', dueDate: '2017-01-10' },
    ]);
  });

  it('quarterly: 第一季度 … 第四季度 with the months’ real ends', () => {
    const quarters = periodsOfYear('quarterly', 2016, 10);
    expect(quarters.map((q) => [q.key, q.label, q.start, q.end, q.dueDate])).toEqual([
      ['2016-Q1', '2016年第一季度', '2016-01-01', '2016-03-31', '2016-04-10'],
      ['2016-Q2', '2016年第二季度', '2016-04-01', '2016-06-30', '2016-07-10'],
      ['2016-Q3', '2016年第三季度', '2016-07-01', '2016-09-30', '2016-10-10'],
      ['2016-Q4', '2016年第四季度', '2016-10-01', '2016-12-31', '2017-01-10'],
    ]);
  });

  it('monthly: twelve months keyed like progress_reports.period, leap February included', () => {
    const months = periodsOfYear('monthly', 2016, 5);
    expect(months).toHaveLength(12);
    expect(months[1]).toEqual({ key: '2016-02', label: '2016年2月', start: '2016-02-01', end: '2016-02-29', dueDate: '2016-03-05' });
    expect(months[5]).toEqual({ key: '2016-06', label: '2016年6月', start: '2016-06-01', end: '2016-06-30', dueDate: '2016-07-05' });
    expect(periodsOfYear('monthly', 2017, 0)[1]!.end).toBe('2017-02-28');
    expect(periodsOfYear('deadline', 2016, 0)).toEqual([]);
  });

  it('a 按时限反馈 task has one period ending on its original deadline', () => {
    expect(deadlinePeriod('2016-06-01', '2016-07-05', 0)).toEqual({
      key: 'due:2016-07-05',
      label: '办理期限 2016年7月5日',
      start: '2016-06-01',
      end: '2016-07-05',
      dueDate: '2016-07-05',
    });
    expect(deadlinePeriod('2016-06-01', '2016-07-05', 3).dueDate).toBe('2016-07-08');
  });

  it('milestones: one period each, from the previous milestone (or 交办) to its date', () => {
    const periods = milestonePeriods(
      '2016-03-02',
      [
        { id: 'b', label: '9月底', dueDate: '2016-09-30' },
        { id: 'a', label: '6月底', dueDate: '2016-06-30' },
      ],
      10,
    );
    expect(periods).toEqual([
      { key: 'ms:a', label: '6月底', start: '2016-03-02', end: '2016-06-30', dueDate: '2016-07-10' },
      { key: 'ms:b', label: '9月底', start: '2016-07-01', end: '2016-09-30', dueDate: '2016-10-10' },
    ]);
  });

  it('the current period is the latest one already due', () => {
    const months = periodsOfYear('monthly', 2016, 5);
    expect(latestDuePeriod(months, '2016-07-04')?.key).toBe('2016-05');
    expect(latestDuePeriod(months, '2016-07-05')?.key).toBe('2016-06');
    expect(latestDuePeriod(periodsOfYear('half_yearly', 2016, 10), '2016-07-09')).toBeNull();
  });

  it('moves a due date that falls on a holiday or weekend to the next working day, 调休 included', () => {
    const calendar = new WorkCalendar([]);
    const dueOn = (d: string) => calendar.workdayOnOrAfter(d);
    const months = periodsOfYear('monthly', 2016, 5, dueOn);
    // September's report: 10-05 is inside 国庆 (10-01…10-07); 10-08 (a Saturday) is a 调休 working day.
    expect(months[8]!.dueDate).toBe('2016-10-08');
    // May's: 06-05 is a Sunday → Monday 06-06; June's: 07-05 is a Tuesday and stays.
    expect(months[4]!.dueDate).toBe('2016-06-06');
    expect(months[5]!.dueDate).toBe('2016-07-05');
    // a deadline on 端午 (2016-06-10) is reported by the 调休 Sunday 06-12
    expect(deadlinePeriod('2016-05-01', '2016-06-10', 0, dueOn).dueDate).toBe('2016-06-12');
  });
});

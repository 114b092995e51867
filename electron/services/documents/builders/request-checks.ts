/** Checks on a request that its schema cannot make: dates against today and the working calendar. */
import { formatChineseDate } from './chinese-text';
import type { DraftContext } from './draft-context';
import { ServiceError } from '../../errors';

/**
 * A deadline set for units (限期, 新的反馈期限, 情况说明期限): not in the past, and a working day — a
 * document that asks for a report on a Sunday or during 国庆 is sent back by whoever signs it.
 */
export function requireDeadline(dc: DraftContext, date: string, label: string, field: string): void {
  if (date < dc.today) {
    throw new ServiceError('invalid_input', `${label}（${formatChineseDate(date)}）不能早于今天（${formatChineseDate(dc.today)}），请重新选择。`, {
      [field]: `${label}不能早于今天`,
    });
  }
  if (!dc.calendar.isWorkday(date)) {
    throw new ServiceError('invalid_input', `${label}${formatChineseDate(date)}是${dc.calendar.describe(date)}，请改为工作日。`, {
      [field]: `${label}应为工作日`,
    });
  }
}

/** A reporting period: from ≤ to, and already begun. */
export function requirePeriod(dc: DraftContext, from: string, to: string): void {
  if (from > to) {
    throw new ServiceError('invalid_input', `统计期间的开始日期（${formatChineseDate(from)}）晚于结束日期（${formatChineseDate(to)}），请重新选择。`, {
      periodFrom: '开始日期不能晚于结束日期',
    });
  }
  if (from > dc.today) {
    throw new ServiceError('invalid_input', `统计期间从${formatChineseDate(from)}开始，尚未到来，无法通报。`, { periodFrom: '统计期间尚未开始' });
  }
}

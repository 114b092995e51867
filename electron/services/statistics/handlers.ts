/** 统计分析's use cases (statistics.* channels); spread into services/handlers.ts. */
import type { Handlers } from '../../contract/channels';
import type { statisticsChannels } from '../../contract/statistics';
import type { ServiceContext } from '../context';
import { saveChartPng } from './save-png';
import { getStatistics } from './statistics';

type StatisticsChannel = keyof typeof statisticsChannels;

export const statisticsHandlers = {
  'statistics.get': (input, ctx) => getStatistics(ctx, input),
  'statistics.savePng': (input, ctx) => saveChartPng(ctx, input),
} satisfies Pick<Handlers<ServiceContext>, StatisticsChannel>;

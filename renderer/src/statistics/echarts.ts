/**
 * The part of ECharts the 统计 page uses, registered once: bar and line charts on a canvas, with grid, tooltip,
 * legend and title. Importing from `echarts/core` keeps the rest of the library out of the bundle. Canvas rendering
 * needs neither inline scripts nor eval, so it runs under the app's CSP.
 */
import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | TitleComponentOption
>;
export type ChartInstance = echarts.ECharts;
export type ChartClick = echarts.ECElementEvent;

export { echarts };

/** The system's Chinese UI fonts (nothing is bundled: the office PCs have them). */
export const CHART_FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif';

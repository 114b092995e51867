/**
 * One ECharts instance on a div: created on mount, given each new option, resized with its box, disposed on unmount.
 * The click handler is read through a ref, so a new closure on every render does not rebind the chart.
 */
import { useCallback, useEffect, useRef } from 'react';
import { CHART_FONT, echarts, type ChartClick, type ChartInstance, type ChartOption } from './echarts';

export function useEChart(option: ChartOption | null, onClick?: (event: ChartClick) => void) {
  const ref = useRef<HTMLDivElement | null>(null);
  const chartRef = useRef<ChartInstance | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = echarts.init(el, undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    chart.on('click', (event) => clickRef.current?.(event as ChartClick));
    const observer = new ResizeObserver(() => {
      if (!chart.isDisposed()) chart.resize();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !option) return;
    chart.setOption({ textStyle: { fontFamily: CHART_FONT }, ...option }, { notMerge: true });
  }, [option]);

  /** The chart as a PNG data URL on white, at twice the screen's resolution (sharp in a printed report). */
  const toPng = useCallback((): string | null => {
    const chart = chartRef.current;
    if (!chart || chart.isDisposed()) return null;
    return chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
  }, []);

  return { ref, toPng };
}

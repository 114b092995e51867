/**
 * The progress of a long Excel import or export: while the call runs, the renderer asks `xlsx.progress` every
 * 300 ms (the window stays responsive whatever main is doing) and shows a bar with what is being done.
 */
import { Progress } from 'antd';
import { useEffect, useState } from 'react';
import type { XlsxProgress } from '../../../electron/contract';
import { call } from '../api';

const POLL_MS = 300;

/** Each phase's share of the bar: reading the file, its rows, checking, saving (or writing an export). */
const RANGES: Record<XlsxProgress['phase'], [number, number]> = {
  read: [0, 10],
  parse: [10, 60],
  check: [60, 75],
  save: [75, 100],
  write: [90, 100],
};

export function progressPercent(p: XlsxProgress | null): number {
  if (!p) return 0;
  const [from, to] = RANGES[p.phase];
  const share = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  return Math.floor(from + (to - from) * share);
}

export function progressText(p: XlsxProgress | null): string {
  if (!p) return '正在准备……';
  const n = (v: number) => v.toLocaleString('zh-CN');
  switch (p.phase) {
    case 'read':
      return '正在读取文件……';
    case 'parse':
      return `正在读取表格 ${n(p.done)} / ${n(p.total)} 行……`;
    case 'check':
      return `正在校验 ${n(p.total)} 行……`;
    case 'save':
      return p.done > 0 ? `正在保存 ${n(p.done)} / ${n(p.total)} 项……` : '正在保存……';
    case 'write':
      return '正在写出文件……';
  }
}

/** Polls `xlsx.progress` while `active`; null before the first answer. */
export function useXlsxProgress(active: boolean): XlsxProgress | null {
  const [progress, setProgress] = useState<XlsxProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    let live = true;
    let timer: number | null = null;
    const tick = async () => {
      timer = null;
      try {
        const p = await call('xlsx.progress', {});
        if (live && p) setProgress(p);
      } catch {
        // a missed poll only delays the bar
      }
      if (live) timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), POLL_MS);
    return () => {
      live = false;
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [active]);
  return progress;
}

/** The bar with its sentence, for a running import or export. */
export function XlsxProgressBar({ progress, testId = 'xlsx-progress' }: { progress: XlsxProgress | null; testId?: string }) {
  return (
    <div data-testid={testId} data-phase={progress?.phase ?? ''} style={{ margin: '12px 0' }}>
      <div className="muted" style={{ marginBottom: 4 }}>
        {progressText(progress)}
      </div>
      <Progress percent={progressPercent(progress)} status="active" />
    </div>
  );
}

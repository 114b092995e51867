/**
 * 打印 ▾ (打印… / 导出 PDF…) for a view that has a print layout (the 督查台账, the 工作台).
 *
 * The screen views are not fit for paper (the ledger's grid is virtualized: only the visible rows exist), so each
 * job brings its own print view. The flow: `prepare()` loads everything the view needs and returns it → the view is
 * mounted into `.print-root` at the end of <body> (hidden on screen, the only thing on paper: print.css) → after two
 * animation frames (laid out, fonts ready) the host is asked to print the window or render it as PDF
 * (print.print / print.savePdf) → the view is unmounted. The window's title is the job's title meanwhile: it names the
 * print job and the PDF.
 */
import { DownOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Dropdown, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { call, errorMessage } from '../api';
import './print.css';

export interface PrintJob {
  /** A4 landscape (the ledger) or portrait (the 工作台) */
  landscape: boolean;
  /** what is printed, in words: the print job's and the PDF's title */
  title: string;
  /** the PDF's proposed file name, without extension */
  fileName: string;
  /** the running head of the pages after the first: left and right */
  runningHead: { left: string; right: string };
  /** the print view, with all its data */
  view: ReactNode;
}

/** A job the view refuses (too many rows …): its message says why and what to do instead. */
export class PrintRefused extends Error {
  constructor(
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'PrintRefused';
  }
}

type Mode = 'print' | 'pdf';

/** A CSS string literal of any text (for the running head's `content`). */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]+/g, ' ')}"`;
}

/** The running head: on every page but the first, which has the full header block. */
function runningHeadCss(head: PrintJob['runningHead']): string {
  const box = 'font-size: 8pt; color: #000; font-family: "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", serif;';
  return [
    `@page { @top-left { content: ${cssString(head.left)}; ${box} } @top-right { content: ${cssString(head.right)}; ${box} } }`,
    '@page :first { @top-left { content: none; } @top-right { content: none; } }',
  ].join('\n');
}

/** Waits until the mounted view is laid out and its fonts are loaded, then says so (once). */
function PrintStage({ job, onReady }: { job: PrintJob; onReady: () => void }) {
  useEffect(() => {
    let live = true;
    let frame = 0;
    const ready = () => {
      if (!live) return;
      live = false;
      onReady();
    };
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        void document.fonts.ready.then(ready, ready);
      });
    });
    // a window in the background may not draw frames: go on regardless after a moment
    const fallback = window.setTimeout(() => void document.fonts.ready.then(ready, ready), 1500);
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      window.clearTimeout(fallback);
    };
  }, [onReady]);

  return createPortal(
    <div className={`print-root ${job.landscape ? 'print-landscape' : 'print-portrait'}`} data-testid="print-root">
      <style>{runningHeadCss(job.runningHead)}</style>
      {job.view}
    </div>,
    document.body,
  );
}

export default function PrintButton({
  prepare,
  disabled,
  what,
  testId = 'print-button',
}: {
  prepare: () => Promise<PrintJob>;
  disabled?: boolean;
  /** what is printed, for the tooltip: 当前筛选出的事项 */
  what: string;
  testId?: string;
}) {
  const { message, modal } = AntApp.useApp();
  const [busy, setBusy] = useState<Mode | null>(null);
  const [stage, setStage] = useState<{ job: PrintJob; onReady: () => void } | null>(null);

  const run = useCallback(
    async (mode: Mode) => {
      if (busy) return;
      setBusy(mode);
      const windowTitle = document.title;
      try {
        const job = await prepare();
        await new Promise<void>((resolve) => setStage({ job, onReady: resolve }));
        document.title = job.title;
        if (mode === 'print') {
          const { printed } = await call('print.print', { landscape: job.landscape, title: job.title });
          if (printed) message.success('已发送到打印机');
          else message.info('已取消打印');
        } else {
          const saved = await call('print.savePdf', { landscape: job.landscape, title: job.title, suggestedName: job.fileName });
          if (saved) {
            modal.success({
              title: '已导出 PDF',
              width: 560,
              content: (
                <div data-testid="print-pdf-result" data-file={saved.file}>
                  保存在：
                  <Typography.Text copyable={{ text: saved.file, tooltips: ['复制路径', '已复制'] }} className="mono">
                    {saved.file}
                  </Typography.Text>
                </div>
              ),
            });
          }
        }
      } catch (err) {
        if (err instanceof PrintRefused) modal.warning({ title: err.title, content: <div data-testid="print-refused">{err.message}</div> });
        else message.error(errorMessage(err));
      } finally {
        document.title = windowTitle;
        setStage(null);
        setBusy(null);
      }
    },
    [busy, prepare, message, modal],
  );

  const items = [
    { key: 'print', icon: <PrinterOutlined />, label: <span data-testid={`${testId}-print`}>打印…</span> },
    { key: 'pdf', icon: <FilePdfOutlined />, label: <span data-testid={`${testId}-pdf`}>导出 PDF…</span> },
  ];

  return (
    <>
      <Dropdown
        trigger={['click']}
        disabled={disabled || busy !== null}
        menu={{ items, onClick: ({ key }) => void run(key as Mode) }}
      >
        <Tooltip title={`打印${what}，或导出为 PDF 文件`} placement="top">
          <Button icon={<PrinterOutlined />} loading={busy !== null} disabled={disabled} data-testid={testId}>
            {busy === 'print' ? '正在打印…' : busy === 'pdf' ? '正在导出 PDF…' : '打印'}
            {busy === null && <DownOutlined style={{ fontSize: 10 }} />}
          </Button>
        </Tooltip>
      </Dropdown>
      {stage && <PrintStage job={stage.job} onReady={stage.onReady} />}
    </>
  );
}

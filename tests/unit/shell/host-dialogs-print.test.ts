/**
 * The shell's print ports under a fake `electron`: 打印 goes to the main window's system print dialog (A4, the
 * orientation asked for, no forced backgrounds), 导出 PDF to its printToPDF with the CSS page size and without
 * Chromium's own header and footer (the print stylesheet's @page boxes carry the page numbers in both paths).
 */
import type { BrowserWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ dialog: {}, shell: {} }));
const { hostDialogs } = await import('../../../electron/main/host-dialogs');

type PrintCallback = (success: boolean, failureReason: string) => void;

function fakeWindow(answer: { success: boolean; failureReason: string }) {
  const webContents = {
    print: vi.fn((_options: unknown, callback: PrintCallback) => setTimeout(() => callback(answer.success, answer.failureReason), 0)),
    printToPDF: vi.fn(async () => Buffer.from('%PDF-1.7 fake')),
  };
  return { webContents, window: { webContents } as unknown as BrowserWindow };
}

describe('host print ports', () => {
  it('打印: the system dialog, A4 in the orientation asked for; true once printed', async () => {
    const { webContents, window } = fakeWindow({ success: true, failureReason: '' });
    const ports = hostDialogs({ window: () => window, ledgerFolder: '/tmp' });
    await expect(ports.printPage!({ landscape: true, title: '督查台账（2026年）' })).resolves.toBe(true);
    expect(webContents.print).toHaveBeenCalledOnce();
    expect(webContents.print.mock.calls[0]![0]).toEqual({ silent: false, printBackground: false, landscape: true, pageSize: 'A4' });

    await ports.printPage!({ landscape: false, title: '2026年督查工作台' });
    expect(webContents.print.mock.calls[1]![0]).toMatchObject({ landscape: false, pageSize: 'A4', silent: false });
  });

  it('打印: false when the officer cancels the dialog, an error when the job fails or the window is gone', async () => {
    const cancelled = fakeWindow({ success: false, failureReason: 'Print job canceled' });
    await expect(hostDialogs({ window: () => cancelled.window, ledgerFolder: '/tmp' }).printPage!({ landscape: true, title: 't' })).resolves.toBe(false);
    const cancelledOld = fakeWindow({ success: false, failureReason: 'cancelled' });
    await expect(hostDialogs({ window: () => cancelledOld.window, ledgerFolder: '/tmp' }).printPage!({ landscape: true, title: 't' })).resolves.toBe(false);

    const failed = fakeWindow({ success: false, failureReason: 'Print job failed' });
    await expect(hostDialogs({ window: () => failed.window, ledgerFolder: '/tmp' }).printPage!({ landscape: true, title: 't' })).rejects.toThrow(
      'Print job failed',
    );
    await expect(hostDialogs({ window: () => null, ledgerFolder: '/tmp' }).printPage!({ landscape: true, title: 't' })).rejects.toThrow('窗口已关闭');
  });

  it('导出 PDF: printToPDF with the CSS page size, backgrounds, and no Chromium header or footer', async () => {
    const { webContents, window } = fakeWindow({ success: true, failureReason: '' });
    const ports = hostDialogs({ window: () => window, ledgerFolder: '/tmp' });
    const bytes = await ports.pageToPdf!({ landscape: true, title: '督查台账' });
    expect(Buffer.from(bytes).toString('latin1')).toBe('%PDF-1.7 fake');
    expect(webContents.printToPDF).toHaveBeenCalledWith({
      landscape: true,
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: false,
    });
    await ports.pageToPdf!({ landscape: false, title: '工作台' });
    expect(webContents.printToPDF).toHaveBeenLastCalledWith(expect.objectContaining({ landscape: false, preferCSSPageSize: true }));
    await expect(hostDialogs({ window: () => null, ledgerFolder: '/tmp' }).pageToPdf!({ landscape: true, title: 't' })).rejects.toThrow('窗口已关闭');
  });
});

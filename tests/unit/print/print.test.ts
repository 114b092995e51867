/**
 * 打印 / 导出 PDF (print.* channels) through the real dispatch wrapper with fake host ports: the print port gets the
 * orientation and title, the PDF lands in the folder the host picks under a safe name and never over an existing file,
 * a cancelled dialog writes nothing, a host without the ports says so, and bad input is refused in Chinese.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, ChannelInput, ChannelOutput } from '../../../electron/contract/channels';
import type { Result } from '../../../electron/contract/types';
import type { HostPorts, ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { tempDir } from '../../support/temp-ledger';

const FAKE_PDF = Buffer.from('%PDF-1.7\n% fake page\n%%EOF\n', 'latin1');

let dir: string;
let folder: string;
let ports: HostPorts;
let internalErrors: unknown[];

/** The print handlers need nothing of the ledger: a context with ports only. */
function call<C extends Channel>(channel: C, input: ChannelInput<C> | Record<string, unknown>): Promise<Result<ChannelOutput<C>>> {
  const ctx = { ports } as unknown as ServiceContext;
  return dispatch(handlers, ctx, channel, input, (err) => internalErrors.push(err)) as Promise<Result<ChannelOutput<C>>>;
}

beforeEach(() => {
  dir = tempDir('ledger-print-');
  folder = path.join(dir, '导出');
  mkdirSync(folder);
  ports = {};
  internalErrors = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('print.print', () => {
  it('hands the orientation and title to the host and says whether it printed', async () => {
    const asked: Array<{ landscape: boolean; title: string }> = [];
    ports.printPage = async (opts) => {
      asked.push(opts);
      return true;
    };
    expect(await call('print.print', { landscape: true, title: ' 督查台账（民生实事 · 2026年 · 逾期） ' })).toEqual({ ok: true, value: { printed: true } });
    expect(asked).toEqual([{ landscape: true, title: '督查台账（民生实事 · 2026年 · 逾期）' }]);

    ports.printPage = async () => false;
    expect(await call('print.print', { landscape: false, title: '2026年督查工作台' })).toEqual({ ok: true, value: { printed: false } });
  });

  it('turns a failed print job into a Chinese sentence', async () => {
    ports.printPage = async () => {
      throw new Error('Print job failed');
    };
    const res = await call('print.print', { landscape: true, title: '督查台账' });
    expect(res).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    if (!res.ok) expect(res.error.message).toMatch(/^打印未完成（Print job failed）。请检查打印机/);
  });

  it('is unavailable without the host port', async () => {
    const res = await call('print.print', { landscape: true, title: '督查台账' });
    expect(res).toEqual({ ok: false, error: { code: 'unavailable', message: '此处不能打印，请在督查台账程序中操作。' } });
  });

  it('refuses bad input with a Chinese message', async () => {
    let printed = 0;
    ports.printPage = async () => {
      printed += 1;
      return true;
    };
    const noTitle = await call('print.print', { landscape: true, title: '   ' });
    expect(noTitle).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：请填写打印标题', fields: { title: '请填写打印标题' } } });
    const noOrientation = await call('print.print', { landscape: 'yes', title: '督查台账' });
    expect(noOrientation).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { landscape: '请选择横向或纵向打印' } } });
    const longTitle = await call('print.print', { landscape: true, title: '督'.repeat(201) });
    expect(longTitle).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：打印标题不能超过 200 个字' } });
    expect(printed).toBe(0);
  });
});

describe('print.savePdf', () => {
  it('writes the PDF into the folder the host picks, under a safe name, never over an existing file', async () => {
    const folderAsked: string[] = [];
    const pdfAsked: Array<{ landscape: boolean; title: string }> = [];
    ports.chooseExportFolder = async (suggested) => {
      folderAsked.push(suggested);
      return folder;
    };
    ports.pageToPdf = async (opts) => {
      pdfAsked.push(opts);
      return new Uint8Array(FAKE_PDF);
    };
    const input = { landscape: true, title: '督查台账（民生实事 · 2026年 · 逾期）', suggestedName: '督查台账-民生实事/2026年:逾期' };
    const first = await call('print.savePdf', input);
    expect(first).toEqual({ ok: true, value: { file: path.join(folder, '督查台账-民生实事2026年逾期.pdf') } });
    expect(folderAsked).toEqual(['督查台账-民生实事2026年逾期.pdf']);
    expect(pdfAsked).toEqual([{ landscape: true, title: '督查台账（民生实事 · 2026年 · 逾期）' }]);
    expect(readFileSync(path.join(folder, '督查台账-民生实事2026年逾期.pdf')).equals(FAKE_PDF)).toBe(true);

    // taken names are left alone: -2, then -3
    const second = await call('print.savePdf', input);
    expect(second).toEqual({ ok: true, value: { file: path.join(folder, '督查台账-民生实事2026年逾期-2.pdf') } });
    writeFileSync(path.join(folder, '工作台.pdf'), 'existing');
    const third = await call('print.savePdf', { landscape: false, title: '2026年督查工作台', suggestedName: '工作台' });
    expect(third).toEqual({ ok: true, value: { file: path.join(folder, '工作台-2.pdf') } });
    expect(readFileSync(path.join(folder, '工作台.pdf'), 'utf8')).toBe('existing');
    expect(readdirSync(folder).sort()).toEqual(['工作台-2.pdf', '工作台.pdf', '督查台账-民生实事2026年逾期-2.pdf', '督查台账-民生实事2026年逾期.pdf']);
    expect(pdfAsked.at(-1)).toEqual({ landscape: false, title: '2026年督查工作台' });
  });

  it('returns null and renders nothing when the folder dialog is cancelled', async () => {
    let rendered = 0;
    ports.chooseExportFolder = async () => null;
    ports.pageToPdf = async () => {
      rendered += 1;
      return new Uint8Array(FAKE_PDF);
    };
    expect(await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '督查台账' })).toEqual({ ok: true, value: null });
    expect(rendered).toBe(0);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('is unavailable without the ports', async () => {
    const input = { landscape: true, title: '督查台账', suggestedName: '督查台账' };
    const expected = { ok: false, error: { code: 'unavailable', message: '此处不能导出 PDF，请在督查台账程序中操作。' } };
    expect(await call('print.savePdf', input)).toEqual(expected);
    ports.chooseExportFolder = async () => folder;
    expect(await call('print.savePdf', input)).toEqual(expected);
    ports = { pageToPdf: async () => new Uint8Array(FAKE_PDF) };
    expect(await call('print.savePdf', input)).toEqual(expected);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('writes nothing when the host does not produce a PDF', async () => {
    ports.chooseExportFolder = async () => folder;
    ports.pageToPdf = async () => new Uint8Array(Buffer.from('<html>not a pdf</html>'));
    const notPdf = await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '督查台账' });
    expect(notPdf).toMatchObject({ ok: false, error: { code: 'internal', message: 'PDF 未能生成（生成的内容不是 PDF 文件）。请重试。' } });
    ports.pageToPdf = async () => {
      throw new Error('renderer gone');
    };
    const failed = await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '督查台账' });
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    if (!failed.ok) expect(failed.error.message).toContain('PDF 未能生成（renderer gone）');
    expect(readdirSync(folder)).toEqual([]);
    expect(internalErrors).toHaveLength(2);
  });

  it('says in Chinese when the folder is gone', async () => {
    const gone = path.join(dir, '已删除');
    ports.chooseExportFolder = async () => gone;
    ports.pageToPdf = async () => new Uint8Array(FAKE_PDF);
    const res = await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '督查台账' });
    expect(res).toMatchObject({ ok: false, error: { code: 'db_io' } });
    if (!res.ok) expect(res.error.message).toContain('PDF 未保存：所选文件夹已不存在');
    expect(existsSync(gone)).toBe(false);
  });

  it('refuses bad input with a Chinese message, before asking for a folder', async () => {
    let asked = 0;
    ports.chooseExportFolder = async () => {
      asked += 1;
      return folder;
    };
    ports.pageToPdf = async () => new Uint8Array(FAKE_PDF);
    const unnamed = await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '  ' });
    expect(unnamed).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：请填写文件名' } });
    const missing = await call('print.savePdf', { title: '督查台账', suggestedName: '督查台账' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：请选择横向或纵向打印' } });
    const tooLong = await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '名'.repeat(81) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'invalid_input', message: '输入有误：文件名不能超过 80 个字' } });
    // a name with nothing usable left still gets a file name
    const odd = await call('print.savePdf', { landscape: true, title: '督查台账', suggestedName: '///' });
    expect(odd).toEqual({ ok: true, value: { file: path.join(folder, '打印.pdf') } });
    expect(asked).toBe(1);
  });
});

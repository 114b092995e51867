/**
 * The app's log: `<userData>/logs/main.log`, written by electron-log, rotated at 5 MB into main.1.log … main.5.log
 * (the oldest dropped). What goes in: start and stop, errors a use case did not expect (with the IPC channel),
 * uncaught exceptions and unhandled rejections in main, and the renderer's unexpected errors (app.reportError).
 *
 * electron-log's Node entry (`electron-log/node`), not its `main` entry: the latter registers an IPC channel of its
 * own (`__ELECTRON_LOG__`, open to any frame) and requires `electron` when imported. Renderer errors reach the log
 * through the contract instead (zod-checked, sender-checked like every other channel), so the main entry's extras are
 * not needed. Nothing here imports `electron`: the dialogs are passed in (support.ts), so this is tested in plain Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';
import type { RendererErrorReport } from '../contract';

export const LOG_FILE_NAME = 'main.log';
/** A log file is rotated once it grows past this size. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
/** How many rotated files are kept beside main.log (main.1.log is the newest). */
export const LOG_ARCHIVES_KEPT = 5;

export function logsFolderOf(userData: string): string {
  return path.join(userData, 'logs');
}

/** The part of a logger the shell uses: electron-log's, or a fake in tests. */
export interface Logger {
  info(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  error(...params: unknown[]): void;
}

type ElectronLog = typeof electronLog;

export interface AppLog {
  logger: Logger;
  /** the folder 帮助 → 打开日志文件夹 opens */
  folder: string;
  /** the current log file */
  file: string;
}

/**
 * Points electron-log at `<userData>/logs/main.log` (level info, rotated at LOG_MAX_BYTES). The console only gets
 * warnings and errors, and only when `toConsole` (development): an installed app has no console to write to.
 * `log` is electron-log's default logger; tests pass `electronLog.create(…)` for a logger of their own.
 */
export function setupLogging(userData: string, opts: { toConsole?: boolean; log?: ElectronLog } = {}): AppLog {
  const log = opts.log ?? electronLog;
  const folder = logsFolderOf(userData);
  const file = path.join(folder, LOG_FILE_NAME);
  const transport = log.transports.file;
  transport.resolvePathFn = () => file;
  transport.level = 'info';
  transport.maxSize = LOG_MAX_BYTES;
  transport.archiveLogFn = (old) => {
    try {
      rotateLogFiles(old.path);
    } catch {
      // cannot rename (another program holds an archive open): start the file afresh rather than grow without end
      old.clear();
    }
  };
  log.transports.console.level = opts.toConsole ? 'warn' : false;
  return { logger: log, folder, file };
}

/** main.log → main.1.log, main.1.log → main.2.log, …; the file past `keep` is deleted. */
export function rotateLogFiles(file: string, keep: number = LOG_ARCHIVES_KEPT): void {
  const { dir, name, ext } = path.parse(file);
  const archive = (n: number) => path.join(dir, `${name}.${n}${ext}`);
  fs.rmSync(archive(keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (fs.existsSync(archive(n))) fs.renameSync(archive(n), archive(n + 1));
  }
  fs.renameSync(file, archive(1));
}

/** The user's words for an unexpected error in main: what happened, where it is recorded, what to do. */
export function unexpectedErrorMessage(logsFolder: string, err: unknown): { title: string; message: string; detail: string } {
  return {
    title: '督查台账 — 意外错误',
    message: '程序遇到意外错误，当前操作可能没有完成。',
    detail:
      `错误已记录在日志中（${logsFolder}）。\n\n` +
      '请保存正在进行的工作后重新启动程序；如反复出现，请通过菜单“帮助 → 打开日志文件夹”把日志文件夹发给技术支持。\n\n' +
      `错误信息：${describeError(err)}`,
  };
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

export interface CrashHandlerOptions {
  logger: Logger;
  /** Shows unexpectedErrorMessage (a native dialog, support.ts); the app keeps running. Resolves once closed. */
  showError: (err: unknown) => Promise<unknown> | void;
  /** process by default; tests pass an emitter */
  target?: Pick<NodeJS.EventEmitter, 'on'>;
}

/**
 * Uncaught exceptions and unhandled rejections in main: logged, then one dialog in Chinese — never a silent exit
 * or Electron's English stack-trace box. While a dialog is open, further errors are only logged (no pile of dialogs).
 */
export function installCrashHandlers(opts: CrashHandlerOptions): void {
  const target = opts.target ?? process;
  let dialogOpen = false;
  const handle = (kind: string) => (err: unknown) => {
    // Nothing may throw out of an 'uncaughtException' listener: Node would end the process.
    try {
      opts.logger.error(`${kind} (main):`, err);
    } catch {
      // the log cannot be written: the dialog still tells the user
    }
    if (dialogOpen) return;
    dialogOpen = true;
    let shown: Promise<unknown>;
    try {
      shown = Promise.resolve(opts.showError(err));
    } catch (showErr) {
      shown = Promise.reject(showErr);
    }
    shown.catch(() => {}).finally(() => {
      dialogOpen = false;
    });
  };
  target.on('uncaughtException', handle('未捕获的异常 uncaughtException'));
  target.on('unhandledRejection', handle('未处理的 Promise 拒绝 unhandledRejection'));
}

/** For bindContract: a use case failed in a way nobody expected (the user saw 程序内部错误); the log says where. */
export function internalErrorLogger(logger: Logger): (err: unknown, channel: string) => void {
  return (err, channel) => {
    try {
      logger.error(`内部错误 internal error in ${channel}:`, err);
    } catch {
      // never turn a failed call into a crash
    }
  };
}

/** For the app.reportError channel: the renderer's unexpected error, with its stack and the page it happened on. */
export function rendererErrorLogger(logger: Logger, logsFolder: string): (report: RendererErrorReport) => string {
  return (report) => {
    const lines = [`界面错误 renderer ${report.where}${report.page ? ` on ${report.page}` : ''}: ${report.message}`];
    if (report.stack) lines.push(report.stack);
    logger.error(lines.join('\n'));
    return logsFolder;
  };
}

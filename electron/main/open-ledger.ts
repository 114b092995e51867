/**
 * Opening the working ledger at start, with a way out when the file cannot be used.
 *
 * A foreign, newer or damaged file is never overwritten: the user may quit, pick another file, or
 * start a blank ledger under a new name beside it. The dialogs are injected, so this runs in tests.
 */
import { LedgerDbError } from '../../db/errors';

export interface RecoveryQuestion {
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

export interface OpenLedgerUi {
  /** Shows the question; resolves to the index of the button pressed. */
  ask(question: RecoveryQuestion): Promise<number>;
  /** Lets the user pick an existing ledger file; null when cancelled. */
  pickLedgerFile(): Promise<string | null>;
}

export const RECOVERY_BUTTONS = ['退出', '选择其他文件', '新建空白台账'] as const;
const QUIT = 0;
const PICK = 1;
const FRESH = 2;
/** the fourth button, when the failure has a remedy of its own */
const REMEDY = 3;

/** Ways out that need the sharing services; the shell passes them in, tests pass fakes. */
export interface RecoveryActions {
  /** The newest backup of `file` that passes its checks; null when there is none. */
  newestGoodBackup?: (file: string) => { path: string; takenAt: Date } | null;
  /** Renames the damaged file aside (never deletes it) and puts the backup in its place. */
  restoreFromBackup?: (file: string, backupPath: string) => void;
  /** Makes a local working copy of a ledger on a network or removable location; resolves to the copy. */
  openAsShared?: (file: string) => Promise<string>;
}

type Remedy = { label: string; note: string; run: () => Promise<string> | string } | null;

export async function openLedgerWithRecovery<Ctx>(opts: {
  file: string;
  open: (file: string) => Ctx;
  ui: OpenLedgerUi;
  freshFile: () => string;
  actions?: RecoveryActions;
}): Promise<{ ctx: Ctx; file: string } | null> {
  let file = opts.file;
  for (;;) {
    try {
      return { ctx: opts.open(file), file };
    } catch (err) {
      if (isNativeModuleFailure(err)) {
        await opts.ui.ask(nativeModuleQuestion(err));
        return null;
      }
      const remedy = remedyFor(file, err, opts.actions ?? {});
      const choice = await opts.ui.ask(cannotOpenQuestion(file, err, remedy));
      if (choice === PICK) {
        file = (await opts.ui.pickLedgerFile()) ?? file;
      } else if (choice === FRESH) {
        file = opts.freshFile();
      } else if (choice === REMEDY && remedy) {
        try {
          file = await remedy.run();
        } catch (remedyError) {
          await opts.ui.ask(remedyFailedQuestion(remedy.label, remedyError));
        }
      } else {
        return null;
      }
    }
  }
}

function errorCode(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** A damaged ledger with a good backup → restore it; a ledger on a share or USB drive → open it as shared. */
function remedyFor(file: string, err: unknown, actions: RecoveryActions): Remedy {
  const code = errorCode(err);
  if (code === 'db_corrupt' && actions.newestGoodBackup && actions.restoreFromBackup) {
    const backup = actions.newestGoodBackup(file);
    if (!backup) return null;
    const restore = actions.restoreFromBackup;
    return {
      label: '从最近的备份恢复',
      note: `可以从最近一份完好的备份（${localTime(backup.takenAt)}）恢复：损坏的文件改名保留在原处，不会删除；备份之后的修改需要重新录入或通过同步找回。`,
      run: () => {
        restore(file, backup.path);
        return file;
      },
    };
  }
  if (code === 'location_refused' && actions.openAsShared) {
    const openAsShared = actions.openAsShared;
    return {
      label: '作为共享台账打开',
      note: '可以“作为共享台账打开”：程序在本机保存一份工作副本，并与该文件同步。',
      run: () => openAsShared(file),
    };
  }
  return null;
}

function localTime(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function cannotOpenQuestion(file: string, err: unknown, remedy: Remedy): RecoveryQuestion {
  const reason =
    err instanceof Error && (err instanceof LedgerDbError || errorCode(err) === 'location_refused')
      ? err.message
      : `打开时出错（${err instanceof Error ? err.message : String(err)}）。请确认文件所在文件夹存在且可写。`;
  const choices = '该文件没有被改动。您可以退出，选择其他台账文件，或新建一个空白台账（原文件保留在原处）。';
  return {
    title: '无法打开台账文件',
    message: `无法打开台账文件：\n${file}`,
    detail: remedy ? `${reason}\n\n${choices}\n${remedy.note}` : `${reason}\n\n${choices}`,
    buttons: remedy ? [...RECOVERY_BUTTONS, remedy.label] : [...RECOVERY_BUTTONS],
    defaultId: remedy ? REMEDY : PICK,
    cancelId: QUIT,
  };
}

function remedyFailedQuestion(label: string, err: unknown): RecoveryQuestion {
  return {
    title: `${label}未成功`,
    message: `${label}未成功。`,
    detail: `${err instanceof Error ? err.message : String(err)}\n\n请选择其他办法。`,
    buttons: ['确定'],
    defaultId: 0,
    cancelId: 0,
  };
}

function nativeModuleQuestion(err: unknown): RecoveryQuestion {
  return {
    title: '程序组件不匹配',
    message: '数据库组件（better-sqlite3）与当前 Electron 版本不匹配，程序无法打开台账。',
    detail:
      '开发环境：请在项目文件夹运行 npm start，它会自动准备 Electron 版的组件。安装版：请重新安装本程序。\n\n' +
      `技术信息：${err instanceof Error ? err.message : String(err)}`,
    buttons: ['退出'],
    defaultId: 0,
    cancelId: 0,
  };
}

/** better-sqlite3 built for another ABI (e.g. Node's build loaded into Electron) fails in dlopen. */
export function isNativeModuleFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if ((err as { code?: unknown }).code === 'ERR_DLOPEN_FAILED') return true;
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version|invalid ELF header|not a valid Win32 application|Could not locate the bindings file/i.test(
    err.message,
  );
}

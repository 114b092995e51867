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

export async function openLedgerWithRecovery<Ctx>(opts: {
  file: string;
  open: (file: string) => Ctx;
  ui: OpenLedgerUi;
  freshFile: () => string;
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
      const choice = await opts.ui.ask(cannotOpenQuestion(file, err));
      if (choice === PICK) {
        file = (await opts.ui.pickLedgerFile()) ?? file;
      } else if (choice === FRESH) {
        file = opts.freshFile();
      } else {
        return null;
      }
    }
  }
}

function cannotOpenQuestion(file: string, err: unknown): RecoveryQuestion {
  const reason =
    err instanceof LedgerDbError
      ? err.message
      : `打开时出错（${err instanceof Error ? err.message : String(err)}）。请确认文件所在文件夹存在且可写。`;
  return {
    title: '无法打开台账文件',
    message: `无法打开台账文件：\n${file}`,
    detail: `${reason}\n\n该文件没有被改动。您可以退出，选择其他台账文件，或新建一个空白台账（原文件保留在原处）。`,
    buttons: [...RECOVERY_BUTTONS],
    defaultId: PICK,
    cancelId: QUIT,
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

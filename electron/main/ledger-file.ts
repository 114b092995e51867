/**
 * Which ledger file the app opens: the embedded default in the app's data folder, unless the user
 * chose another one after the default could not be opened (remembered for the next start).
 */
import fs from 'node:fs';
import path from 'node:path';

export const LEDGER_FOLDER = 'ledger';
export const DEFAULT_LEDGER_NAME = '督查台账.db';
const CHOICE_FILE = 'ledger-choice.json';

export function ledgerFolder(userData: string): string {
  return path.join(userData, LEDGER_FOLDER);
}

export function defaultLedgerFile(userData: string): string {
  return path.join(ledgerFolder(userData), DEFAULT_LEDGER_NAME);
}

/** The file to open at start: the remembered choice if it still exists, else the default. */
export function ledgerFileToOpen(userData: string): string {
  const chosen = readChoice(userData);
  return chosen && fs.existsSync(chosen) ? chosen : defaultLedgerFile(userData);
}

export function rememberLedgerFile(userData: string, file: string): void {
  const choice = path.join(userData, CHOICE_FILE);
  if (path.resolve(file) === path.resolve(defaultLedgerFile(userData))) {
    fs.rmSync(choice, { force: true });
    return;
  }
  fs.mkdirSync(userData, { recursive: true });
  fs.writeFileSync(choice, JSON.stringify({ file: path.resolve(file) }, null, 2), 'utf8');
}

/** A new, not yet existing file name next to the default — a blank ledger never replaces a file. */
export function freshLedgerFile(userData: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `督查台账-新建-${stamp}.db` : `督查台账-新建-${stamp}-${n}.db`;
    const file = path.join(ledgerFolder(userData), name);
    if (!fs.existsSync(file)) return file;
  }
}

function readChoice(userData: string): string | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(userData, CHOICE_FILE), 'utf8')) as { file?: unknown };
    return typeof parsed.file === 'string' && path.isAbsolute(parsed.file) ? parsed.file : null;
  } catch {
    return null;
  }
}

/**
 * Where the embedded default ledger lives. Electron's `app.getPath('userData')` is
 * `<appData>/<productName>`; the command line computes the same folder without Electron so that
 * both open the same file by default. `LEDGER_DATA_DIR` overrides it (tests, portable use).
 */
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = '督查台账';
export const LEDGER_FILE_NAME = '督查台账.db';

export function appDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(home, '.config');
}

/** The folder that holds the ledger and its backups, given Electron's userData (or computed). */
export function ledgerDir(userDataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.LEDGER_DATA_DIR) return path.resolve(env.LEDGER_DATA_DIR);
  return path.join(userDataDir ?? path.join(appDataDir(), PRODUCT_NAME), 'ledger');
}

export function defaultLedgerFile(userDataDir?: string, env: NodeJS.ProcessEnv = process.env): string {
  return path.join(ledgerDir(userDataDir, env), LEDGER_FILE_NAME);
}

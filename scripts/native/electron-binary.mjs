/**
 * Where the Electron executable is — or that it is missing (installed with
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the download failed).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The executable's path, or null when it was never downloaded. */
export function findElectronExecutable(root) {
  try {
    // The electron package exports the executable's path, and throws when it was not downloaded.
    const executable = createRequire(path.join(root, 'package.json'))('electron');
    return typeof executable === 'string' && fs.existsSync(executable) ? executable : null;
  } catch {
    return null;
  }
}

/** The one line `npm start` prints when the executable is missing. */
export const ELECTRON_MISSING_LINE =
  '未找到 Electron 程序（安装时跳过了下载）：请联网后运行 node node_modules/electron/install.js（不要设置 ELECTRON_SKIP_BINARY_DOWNLOAD），或不设该变量重新 npm install。' +
  ' / Electron binary is missing: with internet access run "node node_modules/electron/install.js" (with ELECTRON_SKIP_BINARY_DOWNLOAD unset), or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD.';

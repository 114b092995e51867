/**
 * After `npm install`: check that better-sqlite3 loads under Node (the tests and the CLI need it)
 * and say whether the Electron executable is there (only `npm start` needs it; never an error).
 *
 * Nothing is rebuilt here: node_modules/better-sqlite3 keeps its Node build, and `npm start` makes
 * the Electron build in .cache/native/ on first run (scripts/native/electron-binding.mjs).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronExecutable } from './native/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

try {
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  const { version } = db.prepare('select sqlite_version() as version').get();
  db.close();
  console.log(`better-sqlite3（Node ${process.version}，SQLite ${version}）可用。 / better-sqlite3 loads under Node.`);
} catch (err) {
  console.error(
    `better-sqlite3 无法在 Node ${process.version} 下加载：${err instanceof Error ? err.message : String(err)}\n` +
      '请运行 npm rebuild better-sqlite3（需要联网或 C++ 编译工具）。测试和命令行工具需要它。\n' +
      `better-sqlite3 does not load under Node ${process.version}; run "npm rebuild better-sqlite3".`,
  );
  process.exit(1);
}

if (!findElectronExecutable(root)) {
  console.log(
    '提示：Electron 程序未下载（ELECTRON_SKIP_BINARY_DOWNLOAD）。npm test 不需要它；npm start 需要，届时会说明获取方法。' +
      ' / Note: the Electron binary was not downloaded; npm test works without it, npm start will explain how to get it.',
  );
}

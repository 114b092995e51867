#!/usr/bin/env node
/**
 * `npm start`: build the app and open it on its default ledger.
 *
 *   1. The Electron executable must exist (it is not downloaded with ELECTRON_SKIP_BINARY_DOWNLOAD).
 *   2. better-sqlite3's Electron build is made once into .cache/native/ (the Node build in
 *      node_modules stays for the tests) and handed to main in LEDGER_NATIVE_BINDING.
 *   3. electron-vite builds out/, then Electron runs it.
 * `npm start -- --dev` runs the electron-vite dev server with hot reload instead of step 3.
 * Arguments after `--` (other than --dev) are passed to Electron.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinding } from './native/electron-binding.mjs';
import { ELECTRON_MISSING_LINE, findElectronExecutable } from './native/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const dev = args.includes('--dev');
const electronArgs = args.filter((a) => a !== '--dev');

const electron = findElectronExecutable(root);
if (!electron) {
  console.error(ELECTRON_MISSING_LINE);
  process.exit(1);
}

let nativeBinding;
try {
  nativeBinding = ensureElectronBinding({ root });
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}

const env = { ...process.env, LEDGER_NATIVE_BINDING: nativeBinding };
// Inherited from some shells or tools, it would make Electron behave as plain Node.
delete env.ELECTRON_RUN_AS_NODE;
const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

if (dev) {
  env.ELECTRON_CLI_ARGS = JSON.stringify(electronArgs);
  run(process.execPath, [electronVite, 'dev'], env);
} else {
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit', env });
  if (build.status !== 0) {
    console.error('界面与主进程构建失败，见上方输出。 / electron-vite build failed, see above.');
    process.exit(build.status ?? 1);
  }
  run(electron, ['.', ...electronArgs], env);
}

/** Runs the child in the foreground and exits with its status; Ctrl+C reaches it too. */
function run(command, commandArgs, childEnv) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env: childEnv });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/**
 * The Electron build of better-sqlite3, kept beside (never instead of) the Node build.
 *
 * node_modules/better-sqlite3 stays as `npm install` built it, for Node: the tests use it. Electron
 * has its own ABI, so `npm start` needs a second build. It lives in a cache folder keyed by the
 * better-sqlite3 version, the Electron version, platform and arch, and is made once: from a copy of
 * the module, first by downloading the published prebuilt binary (prebuild-install), else by
 * compiling against Electron's headers (node-gyp). A build is only accepted if the binary declares
 * Electron's module ABI — a build that silently used Node's headers is rejected.
 *
 * The folder name must stay equal to `electronBindingDirName` in electron/main/native-binding.ts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const BINARY = 'better_sqlite3.node';
const STEP_TIMEOUT_MS = 20 * 60_000;

/** What to build for: read from the installed packages. */
export function electronTarget(root, platform = process.platform, arch = process.arch) {
  const readVersion = (pkg) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  const electronVersion = readVersion('electron');
  return {
    betterSqliteVersion: readVersion('better-sqlite3'),
    electronVersion,
    electronAbi: electronModuleAbi(root, electronVersion),
    platform,
    arch,
  };
}

export function electronBindingDirName(t) {
  return `better-sqlite3-${t.betterSqliteVersion}-electron-${t.electronVersion}-${t.platform}-${t.arch}`;
}

export function electronBindingFile(root, t) {
  return path.join(root, '.cache', 'native', electronBindingDirName(t), BINARY);
}

/** Electron's NODE_MODULE_VERSION: shipped in the electron package, else looked up in node-abi. */
export function electronModuleAbi(root, electronVersion) {
  const shipped = path.join(root, 'node_modules', 'electron', 'abi_version');
  if (fs.existsSync(shipped)) return Number(fs.readFileSync(shipped, 'utf8').trim());
  const nodeAbi = createRequire(path.join(root, 'package.json'))('node-abi');
  return Number(nodeAbi.getAbi(electronVersion, 'electron'));
}

/**
 * The module ABI a native addon was compiled for, read from the binary itself: a non-N-API addon
 * exports `node_register_module_v<ABI>`. Null when the file has no such symbol.
 */
export function moduleAbiOf(file) {
  const match = /node_register_module_v(\d+)/.exec(fs.readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/**
 * Makes sure the Electron build exists in the cache and returns its path.
 * Throws an Error with a Chinese + English message when it cannot be made.
 */
export function ensureElectronBinding({ root, log = console.log, platform = process.platform, arch = process.arch }) {
  const target = electronTarget(root, platform, arch);
  const file = electronBindingFile(root, target);
  if (fs.existsSync(file) && moduleAbiOf(file) === target.electronAbi) return file;

  log(`正在为 Electron ${target.electronVersion} 准备 better-sqlite3 ${target.betterSqliteVersion}（仅首次）… / Preparing better-sqlite3 for Electron (first run only)…`);
  const built = buildNativeBinding({
    root,
    sourceDir: path.join(root, 'node_modules', 'better-sqlite3'),
    runtime: 'electron',
    target: target.electronVersion,
    abi: target.electronAbi,
    platform,
    arch,
    distUrl: 'https://electronjs.org/headers',
    log,
  });
  installIntoCache(built.binary, file, { ...target, method: built.method, builtAt: new Date().toISOString() });
  fs.rmSync(built.workDir, { recursive: true, force: true });
  log(`已准备好 Electron 版 better-sqlite3（${built.method}）：${file}`);
  return file;
}

/**
 * Builds better-sqlite3 for a runtime in a scratch copy of the module and checks its ABI.
 * Returns { binary, method, workDir }; the caller removes workDir.
 */
export function buildNativeBinding({ root, sourceDir, runtime, target, abi, platform, arch, distUrl, nodeDir, log = console.log }) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-native-'));
  const moduleDir = path.join(workDir, 'better-sqlite3');
  // Copy without the existing build: what we find in build/ afterwards must be ours.
  fs.cpSync(sourceDir, moduleDir, {
    recursive: true,
    filter: (src) => path.relative(sourceDir, src).split(path.sep)[0] !== 'build',
  });
  const binary = path.join(moduleDir, 'build', 'Release', BINARY);
  const attempts = [];

  const prebuildInstall = resolveFrom(sourceDir, 'prebuild-install/bin.js');
  if (prebuildInstall && !nodeDir) {
    attempts.push({
      method: 'prebuild-install',
      args: [prebuildInstall, `--runtime=${runtime}`, `--target=${target}`, `--arch=${arch}`, `--platform=${platform}`],
    });
  }
  const nodeGyp = findNodeGyp(root);
  if (nodeGyp) {
    attempts.push({
      method: 'node-gyp',
      args: [
        nodeGyp, 'rebuild', '--release', '--jobs=max', `--runtime=${runtime}`, `--target=${target}`, `--arch=${arch}`,
        ...(distUrl ? [`--dist-url=${distUrl}`] : []),
        ...(nodeDir ? [`--nodedir=${nodeDir}`] : []),
      ],
    });
  }

  const failures = [];
  for (const attempt of attempts) {
    fs.rmSync(path.join(moduleDir, 'build'), { recursive: true, force: true });
    log(`  → ${attempt.method} (${runtime} ${target}, ${platform}-${arch})`);
    const run = spawnSync(process.execPath, attempt.args, {
      cwd: moduleDir,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: STEP_TIMEOUT_MS,
      env: withoutNpmRuntimeOverrides(process.env),
    });
    if (run.status !== 0 || !fs.existsSync(binary)) {
      failures.push(`${attempt.method}: ${run.error ? run.error.message : `exit ${run.status ?? run.signal}`}`);
      continue;
    }
    const found = moduleAbiOf(binary);
    if (found !== abi) {
      failures.push(`${attempt.method}: built for module ABI ${found}, expected ${abi}`);
      continue;
    }
    return { binary, method: attempt.method, workDir };
  }
  fs.rmSync(workDir, { recursive: true, force: true });
  throw new Error(
    `无法为 ${runtime} ${target} 生成 better-sqlite3（需要联网下载预编译文件，或已安装 C++ 编译工具以便从源码编译）。` +
      ` / Could not build better-sqlite3 for ${runtime} ${target} (needs internet for the prebuilt binary, or a C++ toolchain to compile).` +
      (failures.length ? ` [${failures.join('; ')}]` : ' [no prebuild-install or node-gyp found]'),
  );
}

/** Copies the verified binary into its cache folder in one rename, so a half-copied file is never used. */
function installIntoCache(binary, file, info) {
  const dir = path.dirname(file);
  const staging = `${dir}.partial-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging, { recursive: true });
  fs.copyFileSync(binary, path.join(staging, BINARY));
  fs.writeFileSync(path.join(staging, 'build-info.json'), `${JSON.stringify(info, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(staging, dir);
}

function resolveFrom(dir, request) {
  try {
    return createRequire(path.join(dir, 'package.json')).resolve(request);
  } catch {
    return null;
  }
}

/** node-gyp from the project's dependencies, else the copy bundled with npm. */
function findNodeGyp(root) {
  const candidates = [
    resolveFrom(root, 'node-gyp/bin/node-gyp.js'),
    process.env.npm_config_node_gyp,
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  return candidates.find((p) => p && fs.existsSync(p)) ?? null;
}

/** npm exports npm_config_runtime/target/… during scripts; they must not override our flags. */
function withoutNpmRuntimeOverrides(env) {
  const clean = { ...env };
  for (const key of ['npm_config_runtime', 'npm_config_target', 'npm_config_arch', 'npm_config_disturl', 'npm_config_nodedir', 'npm_config_build_from_source']) {
    delete clean[key];
  }
  return clean;
}

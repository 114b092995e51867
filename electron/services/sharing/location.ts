/**
 * Where a file lives: the working database must be on a local disk (sharing.md, model 1). SQLite's locking is
 * unreliable over SMB/NFS and WAL does not work there at all; a USB stick pulled out mid-write loses data.
 *
 * The facts come from an injectable probe, so the rules are tested with fixture mount tables here and the
 * shell can answer from the operating system:
 * - Linux: `/proc/self/mountinfo` (the mount containing the path) and `/sys/class/block/<dev>/…/removable`.
 *   `linuxProbe()` below reads them.
 * - Windows: UNC paths (`\\server\share`, `//server/share`, `\\?\UNC\…`) are network by their form; for a
 *   drive letter the probe answers `driveType('Z:')` with the Win32 drive type, e.g. from PowerShell
 *   `(Get-CimInstance Win32_LogicalDisk -Filter "DeviceID='Z:'").DriveType` (2 removable, 3 fixed,
 *   4 network, 5 CD-ROM, 6 RAM disk) — `windowsProbe()` below asks exactly that, once per drive;
 *   a mapped network drive reports 4. The shell may pass its own probe instead (e.g. asynchronous, at start).
 * - Anything the probe cannot tell is 'unknown', which is allowed: refusing a working ledger on a guess
 *   would lock an officer out of their own data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { SharingError } from './errors';

export type LocationKind = 'local' | 'network' | 'removable' | 'unknown';

export interface LocationVerdict {
  kind: LocationKind;
  /** a Chinese sentence saying what the location is and how we know */
  explanation: string;
}

export type WindowsDriveType = 'fixed' | 'network' | 'removable' | 'cdrom' | 'ramdisk' | 'unknown';

export interface LocationProbe {
  platform: NodeJS.Platform;
  /** Linux: the text of /proc/self/mountinfo; null when unavailable */
  mountInfo?: () => string | null;
  /** Linux: the path with symlinks resolved (the nearest existing ancestor for a file not created yet) */
  realPath?: (p: string) => string;
  /** Linux: whether the block device (e.g. '/dev/sdb1' or major:minor '8:17') is removable; null = unknown */
  blockDeviceRemovable?: (source: string, majorMinor: string) => boolean | null;
  /** Windows: the type of drive 'Z:'; null = unknown */
  driveType?: (drive: string) => WindowsDriveType | null;
}

/** Filesystems whose data lives on another machine. */
const NETWORK_FILESYSTEMS = new Set([
  'cifs',
  'smb3',
  'smbfs',
  'nfs',
  'nfs4',
  'ncpfs',
  'afs',
  'coda',
  'sshfs',
  'davfs',
  'glusterfs',
  'ceph',
  'lustre',
  'gfs2',
  'ocfs2',
  '9p',
]);

/** Win32_LogicalDisk.DriveType → our names. */
export function windowsDriveTypeFromNumber(value: number): WindowsDriveType {
  switch (value) {
    case 2:
      return 'removable';
    case 3:
      return 'fixed';
    case 4:
      return 'network';
    case 5:
      return 'cdrom';
    case 6:
      return 'ramdisk';
    default:
      return 'unknown';
  }
}

export interface MountEntry {
  majorMinor: string;
  mountPoint: string;
  fsType: string;
  source: string;
}

/** mountinfo escapes space, tab, newline and backslash as octal (`\040`). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}

/**
 * Parses /proc/self/mountinfo: `id parent major:minor root mountpoint options [optional…] - fstype source super`.
 * Lines that do not follow the format are skipped.
 */
export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(' ');
    const separator = fields.indexOf('-');
    if (separator < 6 || fields.length < separator + 3) continue;
    entries.push({
      majorMinor: fields[2]!,
      mountPoint: unescapeMountField(fields[4]!),
      fsType: fields[separator + 1]!,
      source: unescapeMountField(fields[separator + 2]!),
    });
  }
  return entries;
}

/** The mount that contains `p` (the longest mount point that is `p` or one of its folders; the last one wins on ties). */
export function mountContaining(entries: readonly MountEntry[], p: string): MountEntry | null {
  let best: MountEntry | null = null;
  for (const entry of entries) {
    const mp = entry.mountPoint;
    const inside = mp === '/' || p === mp || p.startsWith(mp.endsWith('/') ? mp : `${mp}/`);
    if (inside && (best === null || mp.length >= best.mountPoint.length)) best = entry;
  }
  return best;
}

function classifyLinux(p: string, probe: LocationProbe): LocationVerdict {
  const text = probe.mountInfo?.() ?? null;
  if (text === null) return { kind: 'unknown', explanation: '无法读取本机的磁盘挂载信息，不能判断该位置的类型' };
  const real = probe.realPath ? probe.realPath(p) : p;
  const mount = mountContaining(parseMountInfo(text), real);
  if (mount === null) return { kind: 'unknown', explanation: '找不到该位置所在的磁盘' };
  const fs = mount.fsType;
  if (NETWORK_FILESYSTEMS.has(fs) || fs.startsWith('fuse.') || fs.startsWith('nfs')) {
    return { kind: 'network', explanation: `该位置（${mount.mountPoint}）是网络文件系统（${fs}，来源 ${mount.source}）` };
  }
  const removable = probe.blockDeviceRemovable?.(mount.source, mount.majorMinor) ?? null;
  if (removable === true) {
    return { kind: 'removable', explanation: `该位置（${mount.mountPoint}）在移动磁盘上（设备 ${mount.source}）` };
  }
  if (/^\/(media|run\/media)\/./.test(mount.mountPoint)) {
    return { kind: 'removable', explanation: `该位置（${mount.mountPoint}）是系统自动挂载的外接磁盘（U 盘或移动硬盘）` };
  }
  return { kind: 'local', explanation: `该位置在本机磁盘上（${mount.mountPoint}，${fs}）` };
}

/** `\\server\share\…`, `//server/share/…`, `\\?\UNC\server\share\…` → 'server\share'; else null. */
export function uncShareOf(p: string): string | null {
  const normalized = p.replace(/\//g, '\\');
  const long = /^\\\\\?\\UNC\\([^\\]+)\\([^\\]+)/i.exec(normalized);
  if (long) return `${long[1]}\\${long[2]}`;
  if (/^\\\\[?.]\\/.test(normalized)) return null; // \\?\C:\… and \\.\ device paths are not shares
  const unc = /^\\\\([^\\]+)\\([^\\]+)/.exec(normalized);
  return unc ? `${unc[1]}\\${unc[2]}` : null;
}

function classifyWindows(p: string, probe: LocationProbe): LocationVerdict {
  const share = uncShareOf(p);
  if (share !== null) return { kind: 'network', explanation: `该位置是网络共享文件夹（\\\\${share}）` };
  const drive = /^(?:\\\\\?\\)?([a-zA-Z]):/.exec(p)?.[1];
  if (!drive) return { kind: 'unknown', explanation: '无法判断该位置所在的磁盘' };
  const letter = `${drive.toUpperCase()}:`;
  const type = probe.driveType?.(letter) ?? null;
  switch (type) {
    case 'network':
      return { kind: 'network', explanation: `${letter} 盘是映射的网络驱动器` };
    case 'removable':
      return { kind: 'removable', explanation: `${letter} 盘是可移动磁盘（U 盘等）` };
    case 'cdrom':
      return { kind: 'removable', explanation: `${letter} 盘是光盘驱动器` };
    case 'fixed':
    case 'ramdisk':
      return { kind: 'local', explanation: `${letter} 盘是本机磁盘` };
    default:
      return { kind: 'unknown', explanation: `无法判断 ${letter} 盘的类型` };
  }
}

/** Where `p` lives according to `probe` (default: this machine). */
export function classifyLocation(p: string, probe: LocationProbe = defaultProbe()): LocationVerdict {
  if (probe.platform === 'win32') return classifyWindows(p, probe);
  // A UNC-looking path on another system is still a share someone typed in (e.g. a copied Windows path).
  if (uncShareOf(p) !== null && p.startsWith('\\\\')) return classifyWindows(p, { ...probe, platform: 'win32' });
  if (probe.platform === 'linux') return classifyLinux(path.posix.resolve(p), probe);
  return { kind: 'unknown', explanation: '本系统上无法判断该位置的类型' };
}

/** The nearest existing folder or file on the way up, with symlinks resolved. */
function realPathOfNearest(p: string): string {
  let current = path.resolve(p);
  const rest: string[] = [];
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    rest.unshift(path.basename(current));
    current = parent;
  }
  try {
    return path.join(realpathSync(current), ...rest);
  } catch {
    return path.resolve(p);
  }
}

/**
 * Linux: /sys/class/block/<name> links into the device tree; a partition (`sdb1`) sits inside its disk
 * (`sdb`), whose `removable` is 1 for USB sticks and card readers.
 */
function linuxBlockDeviceRemovable(source: string, majorMinor: string): boolean | null {
  const candidates: string[] = [];
  if (source.startsWith('/dev/')) candidates.push(path.join('/sys/class/block', path.basename(source)));
  candidates.push(path.join('/sys/dev/block', majorMinor));
  for (const link of candidates) {
    try {
      let device = realpathSync(link);
      if (existsSync(path.join(device, 'partition'))) device = path.dirname(device);
      const flag = readFileSync(path.join(device, 'removable'), 'utf8').trim();
      return flag === '1';
    } catch {
      // not a block device (virtual filesystems, device-mapper without a disk): try the next name
    }
  }
  return null;
}

export function linuxProbe(): LocationProbe {
  return {
    platform: 'linux',
    mountInfo: () => {
      try {
        return readFileSync('/proc/self/mountinfo', 'utf8');
      } catch {
        return null; // /proc not mounted (some sandboxes)
      }
    },
    realPath: realPathOfNearest,
    blockDeviceRemovable: linuxBlockDeviceRemovable,
  };
}

/** Runs a program and returns its standard output (injectable for tests). */
export type RunProgram = (program: string, args: readonly string[]) => string;

const runProgram: RunProgram = (program, args) =>
  execFileSync(program, [...args], { encoding: 'utf8', timeout: 10_000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });

/**
 * Windows: the drive's type from PowerShell (Win32_LogicalDisk over CIM, present since Windows 7 / PowerShell 3).
 * Null when PowerShell is missing, slow or says nothing: the location then counts as unknown, i.e. allowed.
 */
export function powershellDriveType(drive: string, run: RunProgram = runProgram): WindowsDriveType | null {
  if (!/^[A-Za-z]:$/.test(drive)) return null;
  try {
    const output = run('powershell.exe', [
      '-NoProfile',
      '-NonInteractive',
      '-Command',
      `(Get-CimInstance -ClassName Win32_LogicalDisk -Filter "DeviceID='${drive.toUpperCase()}'").DriveType`,
    ]).trim();
    if (!/^\d+$/.test(output)) return null;
    return windowsDriveTypeFromNumber(Number(output));
  } catch {
    return null;
  }
}

/** Windows: path form plus drive types from PowerShell, asked once per drive (PowerShell takes about a second to start). */
export function windowsProbe(run: RunProgram = runProgram): LocationProbe {
  const known = new Map<string, WindowsDriveType | null>();
  return {
    platform: 'win32',
    driveType: (drive) => {
      if (!known.has(drive)) known.set(drive, powershellDriveType(drive, run));
      return known.get(drive) ?? null;
    },
  };
}

let machineProbe: LocationProbe | null = null;

/** This machine's probe: mount table on Linux, path form and PowerShell on Windows, nothing elsewhere. */
export function defaultProbe(): LocationProbe {
  machineProbe ??=
    process.platform === 'linux' ? linuxProbe() : process.platform === 'win32' ? windowsProbe() : { platform: process.platform };
  return machineProbe;
}

/**
 * Throws SharingError location_refused when `file` is on a network share or removable drive, offering to
 * open it as a shared ledger instead. Call it before `openAppContext` for a working database.
 */
export function assertLocalWorkingDatabase(file: string, probe: LocationProbe = defaultProbe()): LocationVerdict {
  const verdict = classifyLocation(file, probe);
  if (verdict.kind === 'network' || verdict.kind === 'removable') {
    const risk =
      verdict.kind === 'network'
        ? '多台电脑直接写同一个数据库文件、或网络中断时写入，都会损坏台账'
        : '移动磁盘拔出或断电时正在写入的数据会丢失，甚至损坏台账';
    throw new SharingError(
      'location_refused',
      `${verdict.explanation}，不能直接作为本机的工作台账打开：${risk}。` +
        '可以选择“作为共享台账打开”：程序在本机保存一份工作副本，并与该文件同步。文件未作任何修改。' +
        `（${file}）`,
    );
  }
  return verdict;
}

import { describe, expect, it } from 'vitest';
import { SharingError } from '../../../electron/services/sharing/errors';
import {
  assertLocalWorkingDatabase,
  classifyLocation,
  defaultProbe,
  mountContaining,
  parseMountInfo,
  powershellDriveType,
  uncShareOf,
  windowsProbe as windowsProbeFrom,
  windowsDriveTypeFromNumber,
  type LocationProbe,
  type WindowsDriveType,
} from '../../../electron/services/sharing/location';

/** An office PC: a local disk, the department's SMB share, an NFS archive, sshfs, a USB stick, a disk in /media. */
const MOUNTINFO = `22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw,errors=remount-ro
28 27 8:1 / /boot/efi rw,relatime shared:2 - vfat /dev/sda1 rw
40 27 0:45 / /home rw,relatime shared:3 - ext4 /dev/sda3 rw
51 40 0:52 / /home/zhang/共享 rw,relatime shared:30 - cifs //fileserver/督查科 rw,vers=3.1.1,username=zhang
52 27 0:53 / /mnt/archive rw,relatime shared:31 - nfs4 archive:/export/ledger rw,vers=4.2
53 27 0:54 / /mnt/remote rw,nosuid,nodev,relatime shared:32 - fuse.sshfs zhang@server:/data rw,user_id=1000
54 27 8:17 / /mnt/usb rw,relatime shared:33 - vfat /dev/sdb1 rw,uid=1000
55 27 8:33 / /media/zhang/移动\\040硬盘 rw,relatime shared:34 - exfat /dev/sdc1 rw
56 27 0:55 / /mnt/smb3 rw shared:35 - smb3 //nas/share rw
not a mount line
`;

function linuxProbe(removableDevices: string[] = ['/dev/sdb1']): LocationProbe {
  return {
    platform: 'linux',
    mountInfo: () => MOUNTINFO,
    blockDeviceRemovable: (source) => (source.startsWith('/dev/') ? removableDevices.includes(source) : null),
  };
}

function windowsProbe(types: Record<string, WindowsDriveType>): LocationProbe {
  return { platform: 'win32', driveType: (drive) => types[drive] ?? null };
}

describe('location of a file on Linux, from the mount table', () => {
  it('parses mountinfo, unescaping octal escapes and skipping malformed lines', () => {
    const entries = parseMountInfo(MOUNTINFO);
    expect(entries).toHaveLength(10);
    expect(entries.find((e) => e.fsType === 'exfat')?.mountPoint).toBe('/media/zhang/移动 硬盘');
    expect(mountContaining(entries, '/home/zhang/共享/台账.db')?.fsType).toBe('cifs');
    expect(mountContaining(entries, '/home/zhang/共享档案/台账.db')?.mountPoint).toBe('/home');
  });

  it.each([
    ['/home/zhang/督查台账/督查台账.db', 'local'],
    ['/home/zhang/共享/督查台账.db', 'network'],
    ['/mnt/archive/2016/台账.db', 'network'],
    ['/mnt/remote/台账.db', 'network'],
    ['/mnt/smb3/台账.db', 'network'],
    ['/mnt/usb/台账.db', 'removable'],
    ['/media/zhang/移动 硬盘/台账.db', 'removable'],
    ['/var/lib/台账.db', 'local'],
  ])('%s is %s', (file, kind) => {
    expect(classifyLocation(file, linuxProbe()).kind).toBe(kind);
  });

  it('explains in Chinese what it found', () => {
    expect(classifyLocation('/home/zhang/共享/台账.db', linuxProbe()).explanation).toContain('网络文件系统（cifs，来源 //fileserver/督查科）');
    expect(classifyLocation('/mnt/usb/台账.db', linuxProbe()).explanation).toContain('移动磁盘');
  });

  it('says unknown (and allows it) when the mount table cannot be read', () => {
    const probe: LocationProbe = { platform: 'linux', mountInfo: () => null };
    expect(classifyLocation('/home/a.db', probe).kind).toBe('unknown');
    expect(assertLocalWorkingDatabase('/home/a.db', probe).kind).toBe('unknown');
    expect(classifyLocation('/Users/a/台账.db', { platform: 'darwin' }).kind).toBe('unknown');
  });

  it('classifies this machine’s temp folder as a place for a working ledger', () => {
    if (process.platform !== 'linux') return;
    expect(['local', 'unknown']).toContain(classifyLocation(`${process.env.TMPDIR ?? '/tmp'}/x/台账.db`, defaultProbe()).kind);
  });
});

describe('location of a file on Windows', () => {
  it.each([
    ['\\\\fileserver\\督查科\\共享台账.db', 'network'],
    ['//fileserver/督查科/共享台账.db', 'network'],
    ['\\\\?\\UNC\\fileserver\\督查科\\共享台账.db', 'network'],
    ['Z:\\督查\\台账.db', 'network'],
    ['E:\\台账.db', 'removable'],
    ['C:\\Users\\zhang\\AppData\\Roaming\\督查台账\\ledger\\督查台账.db', 'local'],
    ['\\\\?\\C:\\台账.db', 'local'],
    ['D:\\台账.db', 'unknown'],
  ])('%s is %s', (file, kind) => {
    expect(classifyLocation(file, windowsProbe({ 'Z:': 'network', 'E:': 'removable', 'C:': 'fixed' })).kind).toBe(kind);
  });

  it('asks PowerShell for a drive letter’s type once, and treats silence as unknown', () => {
    const asked: string[] = [];
    const probe = windowsProbeFrom((program, args) => {
      asked.push(`${program} ${args.join(' ')}`);
      return args.join(' ').includes("DeviceID='Z:'") ? '4\r\n' : '';
    });
    expect(classifyLocation('Z:\\督查\\台账.db', probe).kind).toBe('network');
    expect(classifyLocation('z:\\其他\\台账.db', probe).kind).toBe('network');
    expect(classifyLocation('D:\\台账.db', probe).kind).toBe('unknown');
    expect(asked).toHaveLength(2);
    expect(asked[0]).toContain('Win32_LogicalDisk');
    expect(
      powershellDriveType('C:', () => {
        throw new Error('powershell.exe not found');
      }),
    ).toBeNull();
    expect(powershellDriveType("C:'; Remove-Item x; '", () => '3')).toBeNull();
  });

  it('reads UNC shares and Win32 drive types', () => {
    expect(uncShareOf('\\\\fileserver\\督查科\\a.db')).toBe('fileserver\\督查科');
    expect(uncShareOf('\\\\?\\C:\\a.db')).toBeNull();
    expect(uncShareOf('C:\\a.db')).toBeNull();
    expect([2, 3, 4, 5, 6, 0].map(windowsDriveTypeFromNumber)).toEqual(['removable', 'fixed', 'network', 'cdrom', 'ramdisk', 'unknown']);
  });
});

describe('a working database must be on a local disk', () => {
  it('refuses a network share and offers to open it as a shared ledger', () => {
    const error = (() => {
      try {
        assertLocalWorkingDatabase('\\\\fileserver\\督查科\\台账.db', windowsProbe({}));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SharingError);
    expect((error as SharingError).code).toBe('location_refused');
    expect((error as Error).message).toContain('网络共享文件夹（\\\\fileserver\\督查科）');
    expect((error as Error).message).toContain('作为共享台账打开');
  });

  it('refuses a removable drive, and accepts a local disk', () => {
    expect(() => assertLocalWorkingDatabase('/mnt/usb/台账.db', linuxProbe())).toThrow(/移动磁盘.*作为共享台账打开/);
    expect(assertLocalWorkingDatabase('/home/zhang/台账.db', linuxProbe()).kind).toBe('local');
  });
});

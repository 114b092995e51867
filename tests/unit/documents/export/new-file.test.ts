/** Writing a new file whole, under a free name, leaving no temporary file behind. */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeNewFile } from '../../../../electron/services/documents/new-file';
import { tempDir } from '../../../support/temp-ledger';

let folder: string;
beforeEach(() => {
  folder = tempDir('ledger-newfile-');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

describe('writeNewFile', () => {
  it('writes the bytes under the asked name and leaves nothing else', async () => {
    const file = await writeNewFile(folder, '催办通知-百官街道', '.docx', Buffer.from('内容'));
    expect(file).toBe(path.join(folder, '催办通知-百官街道.docx'));
    expect(readFileSync(file, 'utf8')).toBe('内容');
    expect(readdirSync(folder)).toEqual(['催办通知-百官街道.docx']);
  });

  it('takes the next free name instead of replacing a file, even for writes started together', async () => {
    writeFileSync(path.join(folder, '通报.docx'), '旧');
    const files = await Promise.all([1, 2, 3].map((n) => writeNewFile(folder, '通报', '.docx', Buffer.from(String(n)))));
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['通报-2.docx', '通报-3.docx', '通报-4.docx']);
    expect(readFileSync(path.join(folder, '通报.docx'), 'utf8')).toBe('旧');
    expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails without leaving a temporary file when the folder is gone', async () => {
    const gone = path.join(folder, '不存在');
    await expect(writeNewFile(gone, 'a', '.docx', Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(folder)).toEqual([]);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('packaging resources', () => {
  it('build/icon.png is a 512×512 RGBA PNG, as drawn by scripts/generate-icon.mjs', async () => {
    const png = fs.readFileSync('build/icon.png');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect([png[24], png[25]]).toEqual([8, 6]);
    const { renderIconPng } = await import('../../../scripts/generate-icon.mjs');
    expect(renderIconPng().equals(png)).toBe(true);
  });

  it('electron-builder.yml passes electron-builder’s own schema', async () => {
    const { getConfig, validateConfiguration } = await import('app-builder-lib/out/util/config/config');
    const { DebugLogger } = await import('builder-util');
    const config = await getConfig(path.resolve('.'), null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.productName).toBe('督查台账');
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true });
  });
});

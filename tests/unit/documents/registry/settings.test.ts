/** Document settings: derived from the office name until saved, then kept as saved; validated in Chinese. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultNumberPrefixes, officeAbbreviation } from '../../../../electron/services/documents/settings';
import { openTempLedger, type TempLedger } from '../../../support/temp-ledger';
import { OFFICE, openOfficeLedger } from './fixtures';

let t: TempLedger;
beforeEach(async () => {
  t = await openOfficeLedger();
});
afterEach(async () => t.close());

describe('document settings', () => {
  it('abbreviates a county-level office the way its 文号 do, and leaves other names alone', () => {
    expect(officeAbbreviation('绍兴市上虞区人民政府办公室')).toBe('虞政办');
    expect(officeAbbreviation('新昌县人民政府办公室')).toBe('昌政办');
    expect(officeAbbreviation('某某集团办公室')).toBe('');
    expect(defaultNumberPrefixes('某某集团办公室').supervision_notice).toBe('督');
  });

  it('derives the defaults from the office name given at first run', async () => {
    const settings = await t.ok('documents.settings.get', {});
    expect(settings).toMatchObject({
      organName: OFFICE,
      signatureOrgan: OFFICE,
      printer: OFFICE,
      department: '督查科',
      withSeal: true,
      fontMode: 'gb2312',
      numberPrefixes: { supervision_notice: '虞政办督', urge_notice: '虞政办催', situation_bulletin: '督查通报', ledger_extract: '' },
    });
    // Not yet saved: a new office name still shows through.
    await t.ok('settings.update', { officeName: '新昌县人民政府办公室' });
    expect((await t.ok('documents.settings.get', {})).numberPrefixes.supervision_notice).toBe('昌政办督');
  });

  it('keeps what the office saved, through the change log', async () => {
    const settings = await t.ok('documents.settings.get', {});
    const saved = await t.ok('documents.settings.update', {
      ...settings,
      organMark: '上虞区人民政府办公室',
      withWenjian: true,
      cc: ['区委办', '区人大办'],
      contactName: '周敏',
      contactPhone: '0575-82112345',
      fontMode: 'plain',
    });
    expect(saved).toMatchObject({ organMark: '上虞区人民政府办公室', withWenjian: true, cc: ['区委办', '区人大办'], fontMode: 'plain' });
    await t.ok('settings.update', { officeName: '新昌县人民政府办公室' });
    expect(await t.ok('documents.settings.get', {})).toEqual(saved);
    const logged = await t.ctx.ledger.db.selectFrom('change_log').select('row_id').where('row_id', '=', 'documentSettings').execute();
    expect(logged.length).toBeGreaterThan(0);
  });

  it('refuses incomplete or oversized settings with a Chinese message', async () => {
    const settings = await t.ok('documents.settings.get', {});
    const blank = await t.call('documents.settings.update', { ...settings, organName: '  ' });
    expect(blank.ok).toBe(false);
    if (!blank.ok) expect(blank.error).toMatchObject({ code: 'invalid_input', message: '输入有误：请填写发文机关名称' });
    const longPrefix = await t.call('documents.settings.update', { ...settings, numberPrefixes: { urge_notice: '虞'.repeat(21) } });
    expect(longPrefix.ok).toBe(false);
    if (!longPrefix.ok) expect(longPrefix.error.message).toContain('文号前缀不能超过 20 个字');
  });

  it('gives empty defaults on a ledger whose office is not set yet', async () => {
    const bare = await openTempLedger();
    try {
      expect((await bare.ok('documents.settings.get', {})).organName).toBe('');
    } finally {
      await bare.close();
    }
  });
});

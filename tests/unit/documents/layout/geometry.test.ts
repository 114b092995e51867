/** The small pure rules behind the layout: dates, the signature block, the size of the 发文机关标志. */
import { describe, expect, it } from 'vitest';
import { DocumentLayoutError, formatChineseDate } from '../../../../electron/services/documents/layout';
import { organMarkSize } from '../../../../electron/services/documents/layout/masthead';
import { placeSignature } from '../../../../electron/services/documents/layout/signature';
import { textWidth } from '../../../../electron/services/documents/layout/text';

describe('formatChineseDate', () => {
  it('writes Arabic numerals without zero padding', () => {
    expect(formatChineseDate('2016-03-02')).toBe('2016年3月2日');
    expect(formatChineseDate('2016-12-25')).toBe('2016年12月25日');
    expect(formatChineseDate('2016-02-29')).toBe('2016年2月29日');
  });

  it('refuses a day that does not exist', () => {
    for (const bad of ['2015-02-29', '2016-00-10', '2016-3-2', '', 'yesterday']) expect(() => formatChineseDate(bad)).toThrow(DocumentLayoutError);
  });
});

describe('placeSignature', () => {
  const start = (right: number, width: number) => right + width; // distance of the first character from the right edge

  it('with a seal: date four characters in, 署名 centred over it', () => {
    const place = placeSignature(10, 6, true);
    expect(place.dateRight).toBe(4);
    expect(place.organRight + 10 / 2).toBe(place.dateRight + 6 / 2); // same centre
    expect(place.blankLinesAbove).toBe(2);
  });

  it('with a seal and a 署名 much longer than the date: flush right rather than past the edge', () => {
    expect(placeSignature(20, 6, true).organRight).toBe(0);
  });

  it('without a seal: 署名 two characters in, date starting two characters right of it', () => {
    const place = placeSignature(textWidth('上虞区人民政府办公室'), textWidth('2016年3月2日'), false);
    expect(place.organRight).toBe(2);
    expect(start(place.dateRight, 6)).toBe(start(place.organRight, 10) - 2);
    expect(place.blankLinesAbove).toBe(1);
  });

  it('without a seal and a date longer than the 署名: the date two characters in, the 署名 moved left', () => {
    const place = placeSignature(textWidth('督查科'), textWidth('2016年12月25日'), false);
    expect(place.dateRight).toBe(2);
    expect(start(place.dateRight, 7)).toBe(start(place.organRight, 3) - 2);
  });
});

describe('organMarkSize', () => {
  const usablePoints = (8844 / 20) * 0.92;

  it('is as large as fits on one line, up to 初号', () => {
    expect(organMarkSize('上虞区政府').points).toBe(42);
    const { points, scale } = organMarkSize('上虞区人民政府办公室文件');
    expect(points * 12).toBeLessThanOrEqual(usablePoints);
    expect((points + 1) * 12).toBeGreaterThan(usablePoints);
    expect(scale).toBeUndefined();
  });

  it('narrows the characters of a name too long even for 2号', () => {
    const name = '绍兴市上虞区人民政府办公室绍兴市上虞区人民政府督查室文件';
    const { points, scale } = organMarkSize(name);
    expect(points).toBe(22);
    expect(scale).toBeLessThan(100);
    expect(((points * scale!) / 100) * textWidth(name)).toBeLessThanOrEqual(usablePoints);
  });
});

import { describe, expect, it } from 'vitest';
import { isUuidV7, newId, uuidV7Time } from '../../../db/ids';

describe('newId (UUID v7)', () => {
  it('has the RFC 9562 layout: lowercase hex with dashes, version 7, variant 10', () => {
    const id = newId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuidV7(id)).toBe(true);
  });

  it('stamps the given Unix milliseconds in the first 48 bits', () => {
    const t = Date.UTC(2016, 2, 2, 8, 30, 0, 123);
    const id = newId(t);
    expect(uuidV7Time(id)).toBe(t);
    expect(id.slice(0, 13)).toBe(`${t.toString(16).padStart(12, '0').slice(0, 8)}-${t.toString(16).padStart(12, '0').slice(8)}`);
  });

  it('is unique and strictly increasing within one millisecond', () => {
    const t = Date.UTC(2024, 0, 1);
    const ids = Array.from({ length: 5000 }, () => newId(t));
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(ids.every((id) => uuidV7Time(id) === t)).toBe(true);
  });

  it('sorts as text in time order across milliseconds', () => {
    const earlier = newId(Date.UTC(2023, 11, 31, 23, 59, 59, 999));
    const later = newId(Date.UTC(2024, 0, 1));
    expect(earlier < later).toBe(true);
  });

  it('stays unique when the clock steps back', () => {
    const a = newId(Date.UTC(2024, 0, 1, 0, 0, 1));
    const b = newId(Date.UTC(2024, 0, 1, 0, 0, 0));
    expect(a).not.toBe(b);
    expect(uuidV7Time(b)).toBe(Date.UTC(2024, 0, 1, 0, 0, 0));
  });

  it('rejects timestamps that do not fit 48 bits', () => {
    expect(() => newId(-1)).toThrow(RangeError);
    expect(() => newId(2 ** 48)).toThrow(RangeError);
    expect(() => newId(Number.NaN)).toThrow(RangeError);
  });

  it('isUuidV7 rejects other UUID versions and uppercase', () => {
    expect(isUuidV7('550e8400-e29b-41d4-a716-446655440000')).toBe(false);
    expect(isUuidV7(newId().toUpperCase())).toBe(false);
    expect(() => uuidV7Time('not-an-id')).toThrow(RangeError);
  });
});

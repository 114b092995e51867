/**
 * Hostile values for the IPC fuzz (ipc-fuzz.test.ts), and fast-check arbitraries derived from the contract's zod
 * schemas: for every channel, inputs shaped like the schema (so that they reach the use case behind it) with
 * hostile values in some of the fields (wrong types, control characters, lone surrogates, huge strings, paths).
 *
 * The schema walk reads zod 4's internals (`schema._zod.def`): object shapes, wrappers (optional, nullable, default,
 * pipe), unions, arrays, records, enums, literals, and the checks on strings and numbers (lengths, ranges, regexes).
 */
import fc from 'fast-check';
import { id as idSchema, isoDate as isoDateSchema } from '../../../electron/contract/schemas';

// ---------------------------------------------------------------------------------------------------------------
// Hostile values

/** A path as an officer's Windows PC names it: user folder and desktop in Chinese. */
export const WINDOWS_PATH = 'C:\\Users\\张三\\桌面\\台账.db';
/** A UNC path to a network share. */
export const UNC_PATH = '\\\\server\\share\\x.db';
/** Two CJK Extension B characters (outside the BMP: a surrogate pair each), common in people's names. */
export const EXT_B = '𠀀𪚥';
/** A family emoji: four code points joined by zero-width joiners. */
export const EMOJI_ZWJ = '👨‍👩‍👧‍👦';
/** Right-to-left override … pop directional formatting. */
export const RTL = '\u202E台账\u202C';

/** Strings that are valid text (well-formed UTF-16, no NUL) but hostile for storage, search, file names and layout. */
export const HOSTILE_TEXT: readonly string[] = [
  '',
  ' ',
  '\u3000',
  EXT_B,
  `${EXT_B}${EXT_B}${EXT_B}`,
  EMOJI_ZWJ,
  '🏳️‍🌈🇨🇳',
  RTL,
  '\u200F\u200E\u200B\u2066x\u2069',
  '\uFEFF开头',
  '\uFFFE\uFFFF',
  WINDOWS_PATH,
  UNC_PATH,
  '../../etc/passwd',
  '..\\..\\Windows\\System32\\config',
  '/dev/null',
  'CON',
  'NUL.txt',
  'COM1',
  '.',
  '..',
  'file:///C:/Windows/win.ini',
  '"',
  '""',
  '"未闭合',
  '*',
  'a*',
  'NEAR(',
  'NEAR(督查 事项, 2)',
  'OR',
  'AND NOT',
  '-',
  '-督查',
  ':',
  'body:督查',
  '^开头',
  '%_\\',
  "'; DROP TABLE tasks; --",
  '<script>alert(1)</script>',
  '${process.exit()}',
  '%s%s%n',
  '\r\n\t',
  '\u0085\u2028\u2029',
  'NaN',
  '1e3',
  '-0',
  'true',
  'null',
  '__proto__',
  'constructor',
  '𪚥'.repeat(40),
  '张'.repeat(61),
  '张'.repeat(201),
];

/** Strings that are not well-formed UTF-16: a half of a surrogate pair with no other half. */
export const LONE_SURROGATES: readonly string[] = ['\uD800', 'x\uDFFFy', '\uDBFF\uDBFF', `${EXT_B.slice(0, 1)}台账`, `台账${EMOJI_ZWJ.slice(1)}`];

/** Text with NUL. */
export const WITH_NUL: readonly string[] = ['\u0000', 'a\u0000b', '督查\u0000事项'];

/** Long strings (over every limit of the contract). */
export const HUGE_TEXT: readonly string[] = ['x'.repeat(100_000), '张'.repeat(100_000), '𠀀'.repeat(50_000)];

export const HOSTILE_STRINGS: readonly string[] = [...HOSTILE_TEXT, ...WITH_NUL, ...LONE_SURROGATES, ...HUGE_TEXT];

/** An object whose own keys are the prototype-pollution classics (as JSON.parse makes them: own properties). */
export function pollutingObject(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const object = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}') as Record<string, unknown>;
  return Object.assign(object, extra);
}

function deepObject(depth: number): unknown {
  let value: unknown = { leaf: '底' };
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
}

function deepArray(depth: number): unknown {
  let value: unknown = ['底'];
  for (let i = 0; i < depth; i += 1) value = [value];
  return value;
}

/** Values of every other type, as the structured clone of an IPC call can carry them. */
export const HOSTILE_NON_STRINGS: readonly unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  -0,
  -1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  2n ** 64n,
  [],
  [null],
  ['2016-09-20'],
  {},
  new Date(Number.NaN),
  new Date(0),
  new Map([['id', '1']]),
  new Set(['a']),
  /x/g,
  new Uint8Array([0, 1, 2]),
  new ArrayBuffer(8),
  new Error('伪造的错误'),
  pollutingObject(),
  deepObject(500),
  deepArray(500),
];

export const HOSTILE_VALUES: readonly unknown[] = [...HOSTILE_STRINGS, ...HOSTILE_NON_STRINGS];

/** Whole inputs of the wrong kind for every channel (each channel takes an object). */
export function hostileWholeInputs(): Array<{ label: string; value: unknown }> {
  const megabyte = 'x'.repeat(1024 * 1024);
  const sparse: unknown[] = [];
  sparse[1000] = 1;
  return [
    ...HOSTILE_NON_STRINGS.map((value, i) => ({ label: `non-string #${i}`, value })),
    { label: '1 MB string', value: megabyte },
    { label: '1 MB CJK string', value: '督'.repeat(1024 * 1024) },
    { label: 'NUL', value: '\u0000' },
    { label: 'lone surrogate', value: '\uD800' },
    { label: 'Windows path', value: WINDOWS_PATH },
    { label: 'UNC path', value: UNC_PATH },
    { label: '../../etc/passwd', value: '../../etc/passwd' },
    { label: 'sparse array', value: sparse },
    { label: 'deep object 5000', value: deepObject(5000) },
    { label: 'deep array 5000', value: deepArray(5000) },
    { label: 'polluting keys only', value: pollutingObject() },
    { label: 'polluting keys, 1 MB value', value: pollutingObject({ id: megabyte, title: megabyte }) },
    { label: '10 000 keys', value: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])) },
    { label: 'array of 100 000 nulls', value: new Array(100_000).fill(null) },
    { label: 'object with a 1 MB key', value: { [megabyte]: 1 } },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Values from the schema

/** Ids and other references that exist in the fuzzed ledger, so that fuzzed inputs reach the use cases. */
export interface FuzzPools {
  /** ids of existing records that fit a field (taskId: tasks …); every kind when nothing fits better */
  idsFor(key: string): readonly string[];
  /** ids of every kind */
  anyIds: readonly string[];
  /** strings that name something real for a plain string field (xlsx tokens, recent ledgers, backups) */
  namesFor(key: string): readonly string[];
}

/** clean: every field plausible; sparse: a few fields hostile; wild: many fields hostile. */
export type FuzzMode = 'clean' | 'sparse' | 'wild';

/** A well-formed id that no record has. */
export const UNKNOWN_ID = '0190a000-0000-7000-8000-00000000dead';

const DATES = ['2016-09-20', '2016-01-01', '2016-12-31', '2016-02-29', '2016-06-30', '2017-03-01', '2015-12-31', '2000-01-01', '2100-12-31'];
const BAD_DATES = ['2016-02-30', '2016-13-01', '2016-9-20', '20160920', '2016-09-20T00:00:00Z', '０２０１６-09-20'];
/** Candidates for strings with a pattern (phone numbers, 份号 …): the ones the pattern accepts are used. */
const PATTERNED = ['0575-82112345', '13800000000', '（0575）8211 2345转801', '000001', '123456', '2016-09-20', UNKNOWN_ID];
const PLAIN = ['张三', '区发改局', '绍兴市上虞区人民政府办公室', '推进城东污水管网建设', '督查科', '2016年9月', '虞政办督', '百官街道', '通报'];
/** A real one-pixel PNG, as a data URL (statistics.savePng). */
export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const DATA_URLS = [PNG_DATA_URL, 'data:image/png;base64,', 'data:image/png;base64,AAAA', 'data:image/jpeg;base64,AAAA', 'data:image/png;base64,!!!!'];

interface ZodLike {
  _zod: { def: Def };
}
interface Def {
  type: string;
  checks?: ZodLike[];
  [key: string]: unknown;
}
interface CheckDef {
  check?: string;
  value?: number | bigint;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: RegExp;
}

function defOf(schema: unknown): Def {
  return (schema as ZodLike)._zod.def;
}

function checksOf(schema: unknown): CheckDef[] {
  return (defOf(schema).checks ?? []).map((c) => (c as unknown as { _zod: { def: CheckDef } })._zod.def);
}

function lengthLimits(schema: unknown): { min: number; max: number } {
  let min = 0;
  let max = Number.POSITIVE_INFINITY;
  for (const c of checksOf(schema)) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    if (c.check === 'length_equals' && typeof (c as { length?: number }).length === 'number') {
      min = max = (c as { length: number }).length;
    }
  }
  return { min, max };
}

/** Any hostile value, of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
    }),
  },
);

function dateArb(mode: FuzzMode): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...DATES) },
    { weight: 3, arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
    { weight: mode === 'clean' ? 0 : 1, arbitrary: fc.constantFrom(...BAD_DATES) },
  );
}

function stringArb(schema: unknown, key: string, pools: FuzzPools, mode: FuzzMode, outer?: { min: number; max: number }): fc.Arbitrary<unknown> {
  const own = lengthLimits(schema);
  const min = Math.max(own.min, outer?.min ?? 0);
  const max = Math.min(own.max, outer?.max ?? Number.POSITIVE_INFINITY);
  const patterns = checksOf(schema)
    .filter((c) => c.check === 'string_format' && c.pattern instanceof RegExp)
    .map((c) => c.pattern as RegExp);
  if (patterns.length > 0) {
    const fits = PATTERNED.filter((s) => patterns.every((p) => p.test(s)));
    return fits.length > 0 ? fc.constantFrom(...fits) : fc.constantFrom(...PATTERNED);
  }
  const names = pools.namesFor(key);
  if (names.length > 0) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, fc.constantFrom(...HOSTILE_TEXT));
  if (key === 'dataUrl') return fc.constantFrom(...DATA_URLS);
  const fitting = [...PLAIN, ...HOSTILE_TEXT].filter((s) => s.length >= min && s.length <= max);
  const longest = Number.isFinite(max) ? Math.min(max, 40) : 40;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...(fitting.length > 0 ? fitting : PLAIN)) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: Math.min(min, longest), maxLength: longest }).filter((s) => mode !== 'clean' || (s.length <= max && s.trim().length >= min)) },
    { weight: mode === 'clean' ? 0 : 1, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  );
}

function numberArb(schema: unknown, mode: FuzzMode): fc.Arbitrary<unknown> {
  let lo = -1e6;
  let hi = 1e6;
  let int = false;
  for (const c of checksOf(schema)) {
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32' || c.format === 'uint32')) int = true;
    if (c.check === 'greater_than' && typeof c.value === 'number') lo = Math.max(lo, c.inclusive ? c.value : c.value + (int ? 1 : 1e-9));
    if (c.check === 'less_than' && typeof c.value === 'number') hi = Math.min(hi, c.inclusive ? c.value : c.value - (int ? 1 : 1e-9));
  }
  const common = [0, 1, 2, 4, 10, 50, 100, 2016, 2017].filter((n) => n >= lo && n <= hi);
  const inRange = int ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true });
  const edges = fc.constantFrom(lo - 1, hi + 1, lo + 0.5, Number.NaN);
  return fc.oneof(
    { weight: common.length > 0 ? 4 : 0, arbitrary: common.length > 0 ? fc.constantFrom(...common) : inRange },
    { weight: 4, arbitrary: inRange },
    { weight: mode === 'clean' ? 0 : 1, arbitrary: edges },
  );
}

/** Whether a key may be left out of an object (the field has a default or is optional). */
function omittable(schema: unknown): boolean {
  const type = defOf(schema).type;
  return type === 'optional' || type === 'default' || type === 'prefault';
}

function withHostile(valid: fc.Arbitrary<unknown>, mode: FuzzMode): fc.Arbitrary<unknown> {
  if (mode === 'clean') return valid;
  return fc.oneof({ weight: mode === 'sparse' ? 12 : 2, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

/** Extra keys a renderer could add to any object: the prototype-pollution classics and unknown fields. */
const extraKeys: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.constant(pollutingObject()),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'extra', '额外'), hostileValue, { maxKeys: 3 }),
);

/** Sets own properties, `__proto__` included, the way JSON.parse and the structured clone do. */
function assignOwn(target: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(extra)) Object.defineProperty(target, key, { value: extra[key], enumerable: true, writable: true, configurable: true });
  return target;
}

/** An arbitrary of inputs shaped like `schema`, each field plausible or (depending on `mode`) hostile. */
export function inputArb(schema: unknown, pools: FuzzPools, mode: FuzzMode, key = '', depth = 0): fc.Arbitrary<unknown> {
  return withHostile(shapedArb(schema, pools, mode, key, depth), depth === 0 ? 'clean' : mode);
}

function shapedArb(schema: unknown, pools: FuzzPools, mode: FuzzMode, key: string, depth: number): fc.Arbitrary<unknown> {
  if (schema === idSchema) {
    const fitting = pools.idsFor(key);
    return fc.oneof(
      { weight: fitting.length > 0 ? 12 : 0, arbitrary: fitting.length > 0 ? fc.constantFrom(...fitting) : fc.constant(UNKNOWN_ID) },
      { weight: 1, arbitrary: pools.anyIds.length > 0 ? fc.constantFrom(...pools.anyIds) : fc.constant(UNKNOWN_ID) },
      { weight: 1, arbitrary: fc.constant(UNKNOWN_ID) },
      { weight: 1, arbitrary: fc.uuid() },
    );
  }
  if (schema === isoDateSchema) return dateArb(mode);
  const def = defOf(schema);
  const inner = (s: unknown, k = key) => inputArb(s, pools, mode, k, depth + 1);
  switch (def.type) {
    case 'string':
      return stringArb(schema, key, pools, mode);
    case 'number':
      return numberArb(schema, mode);
    case 'boolean':
      return fc.boolean();
    case 'bigint':
      return fc.bigInt();
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, string | number>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'never':
      return hostileValue;
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      const model = Object.fromEntries(keys.map((k) => [k, inner(shape[k], k)]));
      const requiredKeys = keys.filter((k) => !omittable(shape[k]));
      const record = fc.record(model, { requiredKeys });
      if (mode === 'clean') return record;
      return fc
        .tuple(record, fc.option(extraKeys, { freq: mode === 'sparse' ? 8 : 2 }))
        .map(([value, extra]) => (extra ? assignOwn({ ...value }, extra) : value));
    }
    case 'array': {
      const { min, max } = lengthLimits(schema);
      const maxLength = Math.max(Math.min(max, 4), Math.min(min, 4));
      // mostly without repeats (the same unit twice in a task is refused before anything else is looked at)
      const selector = (v: unknown): unknown => (isPlainObject(v) ? (v.unitId ?? v.taskId ?? v) : v);
      return fc.uniqueArray(inner(def.element, key), { minLength: Math.min(min, maxLength), maxLength, selector });
    }
    case 'record': {
      const keyArb = inner(def.keyType, '').filter((k): k is string => typeof k === 'string');
      return fc.dictionary(keyArb, inner(def.valueType), { maxKeys: 3 });
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => inner(o)));
    case 'intersection':
      return fc.tuple(inner(def.left), inner(def.right)).map(([a, b]) => (isPlainObject(a) && isPlainObject(b) ? { ...a, ...b } : a));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(shapedArb(def.innerType, pools, mode, key, depth), { nil: undefined, freq: 4 });
    case 'nullable':
      return fc.option(shapedArb(def.innerType, pools, mode, key, depth), { nil: null, freq: 4 });
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return shapedArb(def.innerType, pools, mode, key, depth);
    case 'pipe': {
      // requiredText: string → trim → string with the lengths; generate for the innermost string, within the lengths
      const out = defOf(def.out);
      let source: unknown = def.in;
      while (defOf(source).type === 'pipe') source = defOf(source).in;
      if (out.type === 'string' && defOf(source).type === 'string') return stringArb(source, key, pools, mode, lengthLimits(def.out));
      return shapedArb(def.in, pools, mode, key, depth);
    }
    case 'lazy':
      return shapedArb((def.getter as () => unknown)(), pools, mode, key, depth);
    default:
      return hostileValue;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level fields of a channel's input schema (through wrappers, refinements and unions of objects). */
export function topLevelFields(schema: unknown): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      return Object.keys(def.shape as Record<string, unknown>);
    case 'pipe':
      return topLevelFields(def.in);
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return topLevelFields(def.innerType);
    case 'union':
      return [...new Set((def.options as unknown[]).flatMap((o) => topLevelFields(o)))];
    default:
      return [];
  }
}

/** Every mode, weighted: mostly plausible inputs (they reach the use cases), some with many hostile fields. */
export function channelInputArb(schema: unknown, pools: FuzzPools): fc.Arbitrary<unknown> {
  return fc
    .constantFrom<FuzzMode>('clean', 'clean', 'sparse', 'sparse', 'wild')
    .chain((mode) => inputArb(schema, pools, mode));
}

/** A short description of a value for failure reports (long strings cut, special values named). */
export function describeValue(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v === undefined) return '<undefined>';
    if (typeof v === 'string') return v.length > 60 ? `${v.slice(0, 30)}…(${v.length} chars)` : v;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '<seen>';
      seen.add(v);
      if (v instanceof Map) return `<Map ${v.size}>`;
      if (v instanceof Set) return `<Set ${v.size}>`;
      if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return '<bytes>';
    }
    return v;
  });
  const out = text ?? String(value);
  return out.length > 400 ? `${out.slice(0, 400)}…` : out;
}

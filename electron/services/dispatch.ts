/**
 * The one wrapper every channel goes through, in main and in the e2e bridge alike:
 * parse the input with the contract's zod schema, run the handler, and turn every outcome
 * into `{ ok: true, value }` or `{ ok: false, error: { code, message } }` with a Chinese message.
 * Nothing unparsed reaches a handler, and no exception crosses the IPC boundary.
 */
import type { ZodError } from 'zod';
import { contract, type Channel, type Handlers } from '../contract/channels';
import type { AppError, Result } from '../contract/types';
import { LedgerDbError } from '../../db/errors';
import { ServiceError } from './errors';
import { SharingError } from './sharing/errors';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export function zodToAppError(err: ZodError): AppError {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const path = issue.path.join('.') || '_';
    if (!(path in fields)) fields[path] = issue.message;
  }
  const first = err.issues[0]?.message ?? '输入有误';
  return { code: 'invalid_input', message: `输入有误：${first}`, fields };
}

export function toAppError(err: unknown): AppError {
  if (err instanceof ServiceError) {
    return err.fields ? { code: err.code, message: err.message, fields: err.fields } : { code: err.code, message: err.message };
  }
  if (err instanceof SharingError) return { code: err.code, message: err.message };
  // The sync worker died without answering: its message says so in Chinese and what to do.
  if (err instanceof Error && err.name === 'SyncWorkerError') return { code: 'internal', message: err.message };
  if (err instanceof LedgerDbError) return { code: err.code === 'db_locked' ? 'db_io' : err.code, message: err.message };
  const sqliteCode = (err as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_')) {
    // Extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DBMOVED …) mean the same to the user as their base code.
    if (sqliteCode.startsWith('SQLITE_BUSY') || sqliteCode.startsWith('SQLITE_LOCKED')) {
      return { code: 'db_io', message: '台账文件正被其他程序占用，请稍后再试。' };
    }
    if (sqliteCode.startsWith('SQLITE_FULL')) return { code: 'db_io', message: '磁盘空间已满，本次修改未保存。请清理磁盘后重试。' };
    if (sqliteCode.startsWith('SQLITE_READONLY')) return { code: 'db_io', message: '台账文件是只读的，本次修改未保存。请检查文件权限。' };
    if (sqliteCode.startsWith('SQLITE_CONSTRAINT')) {
      return { code: 'conflict', message: '数据关联有误（例如引用的单位或事项不存在），本次修改未保存。请刷新后重试。' };
    }
    if (sqliteCode.startsWith('SQLITE_CORRUPT') || sqliteCode === 'SQLITE_NOTADB') {
      return { code: 'db_corrupt', message: '台账文件已损坏，本次操作未完成。请在“设置”中检查数据库或从备份恢复。' };
    }
  }
  return { code: 'internal', message: '程序内部错误，本次操作未完成。请重试；如仍出现，请联系技术支持。' };
}

/**
 * Text no ledger can keep as it was sent: NUL (SQLite's LIKE and the FTS5 query parser stop at it, no file name
 * may hold it) and halves of surrogate pairs (SQLite stores them as invalid UTF-8 and gives back U+FFFD). Neither
 * can be typed; they come from damaged pastes or a broken page, so they are refused rather than stored changed.
 */
const UNKEEPABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNKEEPABLE_MESSAGE = '含有无法保存的字符（空字符，或残缺的生僻字、表情符号），请删除后重新输入';

/** The path (a.b.0) of the first string or key in `input` with unkeepable text; null when there is none. */
function unkeepableTextAt(input: unknown): string | null {
  interface Node {
    value: object;
    key: string;
    parent: Node | null;
  }
  const pathOf = (parent: Node | null, key: string): string => {
    const keys = [key];
    for (let n = parent; n?.parent; n = n.parent) keys.unshift(n.key);
    return keys.join('.') || '_';
  };
  const seen = new Set<object>();
  const stack: Node[] = [];
  const visit = (value: unknown, key: string, parent: Node | null): string | null => {
    if (typeof value === 'string') return UNKEEPABLE_TEXT.test(value) ? pathOf(parent, key) : null;
    if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && !seen.has(value)) {
      seen.add(value);
      stack.push({ value, key, parent });
    }
    return null;
  };
  let found = visit(input, '', null);
  for (let node = stack.pop(); node && found === null; node = stack.pop()) {
    const object = node.value as Record<string, unknown>;
    // own keys only (a sparse array's holes are not walked)
    for (const key of Object.keys(object)) {
      found = UNKEEPABLE_TEXT.test(key) ? pathOf(node, key) : visit(object[key], key, node);
      if (found !== null) break;
    }
  }
  return found;
}

export async function dispatch<Ctx>(
  handlers: Handlers<Ctx>,
  ctx: Ctx,
  channel: unknown,
  rawInput: unknown,
  onInternalError: (err: unknown) => void = (err) => console.error(err),
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'forbidden', message: '不支持的操作。' } };
  }
  const unkeepable = unkeepableTextAt(rawInput);
  if (unkeepable !== null) {
    return { ok: false, error: { code: 'invalid_input', message: `输入有误：${UNKEEPABLE_MESSAGE}。`, fields: { [unkeepable]: UNKEEPABLE_MESSAGE } } };
  }
  const parsed = contract[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: zodToAppError(parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown, ctx: Ctx) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    const error = toAppError(err);
    if (error.code === 'internal') onInternalError(err);
    return { ok: false, error };
  }
}

/** Form helpers shared by every form: zod issues and server `fields` onto antd fields, Enter to save. */
import type { FormInstance } from 'antd';
import type { KeyboardEvent } from 'react';
import type { ZodError } from 'zod';
import { ApiError, errorMessage } from './api';

export type FieldPath = (string | number)[];

export interface FieldMessage {
  path: FieldPath;
  message: string;
}

/** 'units.0.unitId' → ['units', 0, 'unitId'] */
export function parsePath(path: string): FieldPath {
  if (path === '' || path === '_') return [];
  return path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export function zodMessages(err: ZodError): FieldMessage[] {
  return err.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number'),
    message: i.message,
  }));
}

export function serverMessages(err: ApiError): FieldMessage[] {
  return Object.entries(err.fields ?? {}).map(([path, message]) => ({ path: parsePath(path), message }));
}

const same = (a: FieldPath, b: FieldPath) => a.length === b.length && a.every((x, i) => String(x) === String(b[i]));

/**
 * Put each message on the form field with the same path (or the path `rename` maps it to).
 * Returns the messages no field could show, so the caller can show them elsewhere.
 * Clears old errors first, and never touches values: what the user typed stays.
 */
export function applyFieldMessages(
  form: FormInstance,
  messages: FieldMessage[],
  rename?: (path: FieldPath) => FieldPath | null,
): FieldMessage[] {
  const registered = form.getFieldsError().map((f) => f.name as FieldPath);
  const byField = new Map<string, { name: FieldPath; errors: string[] }>();
  for (const name of registered) byField.set(JSON.stringify(name.map(String)), { name, errors: [] });
  const rest: FieldMessage[] = [];
  for (const m of messages) {
    const target = rename ? rename(m.path) : m.path;
    const hit = target && registered.find((n) => same(n, target));
    if (hit) {
      const entry = byField.get(JSON.stringify(hit.map(String)));
      if (entry && !entry.errors.includes(m.message)) entry.errors.push(m.message);
    } else {
      rest.push(m);
    }
  }
  form.setFields([...byField.values()]);
  return rest;
}

export function clearFieldMessages(form: FormInstance): void {
  form.setFields(form.getFieldsError().map((f) => ({ name: f.name, errors: [] })));
}

/**
 * Keyboard handler for a form's container: Enter in a text/number input saves, Ctrl+Enter saves
 * from anywhere (including a textarea). Enter inside selects, date pickers and auto-completes is
 * left to them (they use it to pick), and Enter while an IME is composing Chinese never saves.
 */
export function saveOnEnter(save: () => void) {
  return (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.keyCode === 229 || e.defaultPrevented) return;
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      save();
      return;
    }
    if (t.tagName !== 'INPUT') return;
    const type = (t as HTMLInputElement).type;
    if (type === 'checkbox' || type === 'radio') return;
    if (t.closest('.ant-select, .ant-picker, .ant-cascader, .ant-mentions')) return;
    e.preventDefault();
    save();
  };
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

/** The paths of the leaves in an antd `changedValues` object (lists arrive as sparse arrays). */
export function changedPaths(changed: unknown, prefix: FieldPath = []): FieldPath[] {
  if (Array.isArray(changed)) {
    const out: FieldPath[] = [prefix];
    changed.forEach((v, i) => out.push(...changedPaths(v, [...prefix, i])));
    return out;
  }
  if (isPlain(changed)) {
    const out: FieldPath[] = prefix.length ? [prefix] : [];
    for (const [k, v] of Object.entries(changed)) out.push(...changedPaths(v, [...prefix, k]));
    return out;
  }
  return [prefix];
}

/**
 * A message put on a field goes away as soon as the user edits that field (antd keeps errors set
 * with setFields until told otherwise). `also` lists other fields whose messages the edit answers.
 */
export function clearChangedErrors(form: FormInstance, changedValues: unknown, also: FieldPath[] = []): void {
  const paths = [...changedPaths(changedValues), ...also];
  const stale = form
    .getFieldsError()
    .filter((f) => f.errors.length > 0 && paths.some((p) => same(f.name as FieldPath, p)))
    .map((f) => ({ name: f.name, errors: [] as string[] }));
  if (stale.length) form.setFields(stale);
}

export interface ModalSubmit<I, T> {
  form: FormInstance;
  /** the contract's schema: the same rules main applies, checked before anything is sent */
  schema: { safeParse(input: unknown): { success: true } | { success: false; error: ZodError } };
  input: I;
  /** plainer words for a field's schema message (an empty Select says “请选择…”, not a format rule) */
  fieldMessages?: Record<string, string>;
  send: (input: I) => Promise<T>;
  onSaved: (result: T) => void;
  setError: (message: string | null) => void;
  setSaving: (saving: boolean) => void;
  /** shows a toast for an error no field can carry */
  toast: (message: string) => void;
}

/**
 * The save path of a small modal form: validate with the contract's schema and put each message on its
 * field; send; put the server's field messages on the fields too; anything else goes above the buttons.
 * What the user typed is never cleared.
 */
export async function submitModalForm<I, T>(s: ModalSubmit<I, T>): Promise<void> {
  s.setError(null);
  const parsed = s.schema.safeParse(s.input);
  if (!parsed.success) {
    const messages = zodMessages(parsed.error).map((m) => {
      const plain = s.fieldMessages?.[String(m.path[0])];
      return plain ? { ...m, message: plain } : m;
    });
    const rest = applyFieldMessages(s.form, messages);
    if (rest.length) s.setError(rest.map((r) => r.message).join('；'));
    return;
  }
  applyFieldMessages(s.form, []);
  s.setSaving(true);
  try {
    s.onSaved(await s.send(s.input));
  } catch (err) {
    if (err instanceof ApiError && err.fields) {
      const rest = applyFieldMessages(s.form, serverMessages(err));
      if (rest.length) s.setError(err.message);
    } else {
      s.setError(errorMessage(err));
      s.toast(errorMessage(err));
    }
  } finally {
    s.setSaving(false);
  }
}

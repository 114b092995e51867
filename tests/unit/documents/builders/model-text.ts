/** Reading a drafted model back as text, for content assertions. */
import type { Block, DocumentModel, OfficialDocument } from '../../../../electron/services/documents/model';

const blockText = (b: Block): string[] =>
  b.kind === 'paragraph' || b.kind === 'heading' ? [b.text] : b.kind === 'table' ? [b.columns.map((c) => c.title).join('|'), ...b.rows.map((r) => r.join('|'))] : [];

/** The body's paragraphs and headings, one string per block. */
export function bodyLines(model: DocumentModel): string[] {
  return model.kind === 'official' ? model.body.flatMap(blockText) : model.fields.map((f) => `${f.label}：${f.value}`);
}

/** Everything a reader sees: title, 主送, body, attachments, note. */
export function allText(model: DocumentModel): string {
  if (model.kind === 'form') return [model.organ ?? '', model.title, model.numberLine ?? '', ...bodyLines(model), model.footer ?? ''].join('\n');
  return [model.title, model.mainRecipients, ...bodyLines(model), ...(model.attachments ?? []).flatMap((a) => [a.title, ...a.blocks.flatMap(blockText)]), model.note ?? ''].join('\n');
}

export function official(model: DocumentModel): OfficialDocument {
  if (model.kind !== 'official') throw new Error(`expected an official document, got a ${model.kind}`);
  return model;
}

/** The rows of the first table of the first attachment. */
export function attachmentRows(model: DocumentModel): string[][] {
  const table = official(model).attachments?.[0]?.blocks.find((b) => b.kind === 'table');
  if (!table || table.kind !== 'table') throw new Error('no attachment table');
  return table.rows;
}

/** Every string anywhere in the model (keys excluded). */
export function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

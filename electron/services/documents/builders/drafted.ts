/** What a builder hands back: the model and what the registry records about it. */
import { DOCUMENT_TYPE_LABELS, type DocumentRequest, type DocumentType } from '../../../contract/documents';
import type { DocumentModel } from '../model';
import { fileStemOf } from './file-stem';

export interface DraftedDocument {
  type: DocumentType;
  /** number: null (the registry assigns 文号 at signing); draft: true */
  model: DocumentModel;
  /** what the registry lists it under: model.title, or for a form (督办单) the form's name and its task */
  title: string;
  /** 主送 unit names */
  recipients: string[];
  /** units it concerns */
  unitIds: string[];
  /** tasks it concerns */
  taskIds: string[];
  /** e.g. 催办通知-百官街道-2016-07-05: no extension, safe as a Windows file name */
  fileStem: string;
}

/** The request variant of one document type. */
export type RequestOf<T extends DocumentType> = Extract<DocumentRequest, { type: T }>;

export interface DraftedParts {
  recipients: string[];
  unitIds: string[];
  taskIds: string[];
  /** what tells this file from its siblings: a unit, a period, a task code; the type and date are added */
  nameParts: string[];
  /** the registry's title when the model's own does not tell documents apart (every 督办单 is titled 督办单) */
  registryTitle?: string;
}

export function drafted(type: DocumentType, model: DocumentModel, today: string, parts: DraftedParts): DraftedDocument {
  return {
    type,
    model,
    title: parts.registryTitle ?? model.title,
    recipients: parts.recipients,
    unitIds: [...new Set(parts.unitIds)],
    taskIds: [...new Set(parts.taskIds)],
    fileStem: fileStemOf([DOCUMENT_TYPE_LABELS[type], ...parts.nameParts, today]),
  };
}

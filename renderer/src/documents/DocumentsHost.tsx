/**
 * The documents' dialogs, reachable from anywhere in the shell: the drafting wizard (起草公文), the editor of
 * one document, and a one-click draft (督办单 from a task). Pages call `useDocuments()`; the registry page
 * follows `version`, which bumps after every change to a document.
 */
import { App as AntApp } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ChannelInput } from '../../../electron/contract';
import type { DocumentType } from '../../../electron/contract/documents';
import { call, errorMessage } from '../api';
import DocumentEditor from './DocumentEditor';
import DraftWizard from './DraftWizard';

/** A ledger query as the ledger page holds it (no paging). */
export type LedgerQueryInput = Omit<NonNullable<Extract<ChannelInput<'documents.draft'>, { type: 'ledger_extract' }>['query']>, 'offset' | 'limit'>;

/** What the wizard starts from: a type, and what the caller already knows (units, tasks, the ledger view). */
export interface DraftPreset {
  type: DocumentType;
  unitIds?: string[];
  taskIds?: string[];
  /** ledger_extract: the ledger's current filters, and how they read */
  query?: LedgerQueryInput;
  queryText?: string;
  title?: string;
  /** a line at the top of the wizard saying where the request came from */
  origin?: string;
}

export interface DocumentsApi {
  /** opens the wizard: at the choice of type, or at the preset type's parameters */
  startDraft: (preset?: DraftPreset) => void;
  /** drafts at once (nothing to ask) and opens the first draft in the editor */
  draftNow: (request: ChannelInput<'documents.draft'>) => Promise<void>;
  openDocument: (id: string) => void;
  /** bumps after every change to a document */
  version: number;
  changed: () => void;
  /** shows the 公文 page */
  showRegistry: () => void;
}

const DocumentsContext = createContext<DocumentsApi | null>(null);

export function useDocuments(): DocumentsApi {
  const ctx = useContext(DocumentsContext);
  if (!ctx) throw new Error('DocumentsContext missing');
  return ctx;
}

interface WizardState {
  key: number;
  preset?: DraftPreset;
}

interface Props {
  children: ReactNode;
  showRegistry: () => void;
  /** told whenever a wizard or editor opens or closes (the shell keeps its global keys off meanwhile) */
  onOpenChange?: (open: boolean) => void;
}

export function DocumentsProvider({ children, showRegistry, onOpenChange }: Props) {
  const { message } = AntApp.useApp();
  const [version, setVersion] = useState(0);
  const [wizard, setWizard] = useState<WizardState | null>(null);
  const [editorId, setEditorId] = useState<string | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const keys = useRef(0);

  const changed = useCallback(() => setVersion((v) => v + 1), []);

  const startDraft = useCallback((preset?: DraftPreset) => {
    setWizard({ key: ++keys.current, preset });
  }, []);

  const openDocument = useCallback((id: string) => {
    setEditorId(id);
    setEditorKey(++keys.current);
  }, []);

  const draftNow = useCallback(
    async (request: ChannelInput<'documents.draft'>) => {
      const hide = message.loading('正在从台账生成公文草稿……', 0);
      try {
        const drafts = await call('documents.draft', request);
        hide();
        changed();
        const first = drafts[0];
        // The editor opening is the feedback (a toast here would also hold the Esc key for its few seconds:
        // antd gives Esc to the newest open layer, and a visible message counts as one).
        if (first) openDocument(first.id);
        if (drafts.length > 1) message.info(`已生成 ${drafts.length} 份草稿，其余的在公文登记簿中。`);
      } catch (err) {
        hide();
        message.error(errorMessage(err));
      }
    },
    [message, changed, openDocument],
  );

  const open = wizard !== null || editorId !== null;
  useEffect(() => {
    onOpenChange?.(open);
  }, [open, onOpenChange]);

  const api = useMemo<DocumentsApi>(
    () => ({ startDraft, draftNow, openDocument, version, changed, showRegistry }),
    [startDraft, draftNow, openDocument, version, changed, showRegistry],
  );

  return (
    <DocumentsContext.Provider value={api}>
      {children}
      {wizard && (
        <DraftWizard
          key={wizard.key}
          preset={wizard.preset}
          onClose={() => setWizard(null)}
          onDrafted={changed}
          onOpenDocument={openDocument}
          onShowRegistry={() => {
            setWizard(null);
            showRegistry();
          }}
        />
      )}
      {editorId && (
        <DocumentEditor
          key={editorKey}
          id={editorId}
          onClose={() => setEditorId(null)}
          onChanged={changed}
          onOpenDocument={openDocument}
        />
      )}
    </DocumentsContext.Provider>
  );
}

/**
 * The ledger toolbar's Excel buttons: 导入 Excel… (the import wizard) and 导出 Excel (the current view, with its
 * filters, all pages; one sheet per source when 全部 is showing). The folder comes from main's own dialog.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { XlsxExportResult } from '../../../electron/contract';
import { call, errorMessage } from '../api';
import type { LedgerQueryBase } from '../ledger/useLedgerPages';
import ImportWizard from './ImportWizard';
import { progressPercent, useXlsxProgress } from './progress';

export function ImportExcelButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Tooltip title="从细化分解表、实施计划表等 Excel 文件导入事项（再次导入同一张表时更新，不重复）">
        <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="ledger-import-xlsx">
          导入 Excel…
        </Button>
      </Tooltip>
      {open && <ImportWizard onClose={() => setOpen(false)} />}
    </>
  );
}

/** The written file in words, with its path to copy. */
export function ExportedFile({ result, what }: { result: XlsxExportResult; what: string }) {
  return (
    <div data-testid="xlsx-export-result" data-file={result.file} data-rows={result.rows}>
      <div>
        已导出{what} {result.rows} 项
        {result.sheets.length > 1 ? `，共 ${result.sheets.length} 个工作表（${result.sheets.join('、')}）` : ''}。
      </div>
      <div style={{ marginTop: 6 }}>
        保存在：
        <Typography.Text copyable={{ text: result.file, tooltips: ['复制路径', '已复制'] }} className="mono">
          {result.file}
        </Typography.Text>
      </div>
    </div>
  );
}

export function ExportExcelButton({ query, disabled }: { query: LedgerQueryBase; disabled?: boolean }) {
  const { message, modal } = AntApp.useApp();
  const [running, setRunning] = useState(false);
  const progress = useXlsxProgress(running);

  const run = async () => {
    setRunning(true);
    try {
      // The folder is chosen in main's own dialog; nothing here names a path.
      const result = await call('xlsx.exportLedger', { ...query, sheetPerSource: true });
      if (!result) return;
      modal.success({ title: '已导出 Excel', width: 560, content: <ExportedFile result={result} what="督查台账" /> });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Tooltip title="把当前筛选出的事项（全部页）导出为 Excel 表格；“全部”时每个来源一个工作表">
      <Button icon={<DownloadOutlined />} loading={running} disabled={disabled} onClick={() => void run()} data-testid="ledger-export-xlsx">
        {running && progress ? `导出中 ${progressPercent(progress)}%` : '导出 Excel'}
      </Button>
    </Tooltip>
  );
}

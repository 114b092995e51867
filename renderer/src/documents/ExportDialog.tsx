/**
 * 导出: the officer chooses the options, the main process asks for the folder (a native dialog: the renderer
 * never names a path) and starts a background job; this dialog polls it every 300 ms with a progress bar and a
 * 取消 button, and lists the files written at the end. A batch is all or nothing: cancelled or failed, the
 * files already written are removed by the main process.
 */
import { CheckCircleFilled, ExportOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Progress, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ExportJob } from '../../../electron/contract/documents';
import { call, errorMessage } from '../api';

const POLL_MS = 300;

type Phase = 'options' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

interface Props {
  ids: string[];
  /** what is being exported, e.g. 《关于…的通知》 or 12 份公文 */
  what: string;
  onClose: () => void;
  /** files were written (the registry's export counts changed) */
  onExported?: () => void;
}

function baseName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i >= 0 ? p.slice(i + 1) : p;
}

function dirName(p: string): string {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i > 0 ? p.slice(0, i) : '';
}

export default function ExportDialog({ ids, what, onClose, onExported }: Props) {
  const [withSlip, setWithSlip] = useState(false);
  const [combined, setCombined] = useState(false);
  const [phase, setPhase] = useState<Phase>('options');
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const timer = useRef<number | null>(null);
  const live = useRef(true);
  // open sync conflicts: the documents may carry values nobody has confirmed yet (a warning, not a stop)
  const [openConflicts, setOpenConflicts] = useState(0);

  useEffect(() => {
    let alive = true;
    call('conflicts.list', { status: 'open', rowId: null })
      .then((list) => alive && setOpenConflicts(list.length))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, []);

  const follow = (jobId: string) => {
    const tick = async () => {
      timer.current = null;
      let j: ExportJob;
      try {
        j = await call('jobs.get', { jobId });
      } catch (err) {
        if (!live.current) return;
        setError(errorMessage(err));
        setPhase('failed');
        return;
      }
      if (!live.current) return;
      setJob(j);
      if (j.state === 'running') {
        timer.current = window.setTimeout(() => void tick(), POLL_MS);
        return;
      }
      setCancelling(false);
      if (j.state === 'done') {
        setPhase('done');
        onExported?.();
      } else if (j.state === 'cancelled') {
        setPhase('cancelled');
      } else {
        setError(j.error ?? '导出未完成，请重试。');
        setPhase('failed');
      }
    };
    void tick();
  };

  const start = async () => {
    setError(null);
    setJob(null);
    setPhase('starting');
    try {
      // The folder is chosen in the main process's own dialog; nothing here names a path.
      const { jobId } = await call('documents.export', { ids, withSlip, combined });
      if (!live.current) return;
      if (jobId === null) {
        // the officer closed the folder dialog: nothing was written, they may choose again
        setPhase('options');
        return;
      }
      setPhase('running');
      follow(jobId);
    } catch (err) {
      if (!live.current) return;
      setError(errorMessage(err));
      setPhase('options');
    }
  };

  const cancel = async () => {
    if (!job) return;
    setCancelling(true);
    try {
      const j = await call('jobs.cancel', { jobId: job.id });
      if (live.current) setJob(j);
    } catch (err) {
      if (live.current) {
        setCancelling(false);
        setError(errorMessage(err));
      }
    }
  };

  const busy = phase === 'starting' || phase === 'running';
  const percent = job && job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
  const files = job?.files ?? [];
  const folder = files[0] ? dirName(files[0]) : '';

  const footer =
    phase === 'options' || phase === 'starting'
      ? [
          <Button key="cancel" onClick={onClose} disabled={phase === 'starting'}>
            取消
          </Button>,
          <Button key="ok" type="primary" icon={<ExportOutlined />} loading={phase === 'starting'} onClick={() => void start()} data-testid="export-start">
            选择文件夹并导出
          </Button>,
        ]
      : phase === 'running'
        ? [
            <Button key="stop" danger loading={cancelling} onClick={() => void cancel()} data-testid="export-cancel">
              取消导出
            </Button>,
          ]
        : [
            phase !== 'done' && (
              <Button key="again" onClick={() => setPhase('options')}>
                重新导出
              </Button>
            ),
            <Button key="close" type="primary" onClick={onClose} data-testid="export-close">
              关闭
            </Button>,
          ];

  return (
    <Modal
      open
      title={`导出 · ${what}`}
      width={620}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      keyboard={!busy}
      mask={{ closable: false }}
      destroyOnHidden
      footer={footer}
    >
      {(phase === 'options' || phase === 'starting') && (
        <div className="export-options">
          {openConflicts > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`台账中有 ${openConflicts} 处同步冲突尚未处理，导出的公文可能包含未确认的内容。`}
              description="可先在左侧“同步冲突”中逐条确认，也可以照常导出。"
              data-testid="export-conflicts-warning"
              data-count={openConflicts}
            />
          )}
          <Typography.Paragraph>
            每份公文导出为一个 Word 文件（.docx），文件名写明公文类型、单位和日期；未签发的公文文件名带“草稿”，每页标注“草稿”。
          </Typography.Paragraph>
          <Checkbox checked={withSlip} onChange={(e) => setWithSlip(e.target.checked)} data-testid="export-with-slip">
            同时导出发文稿纸
          </Checkbox>
          <div className="muted export-hint">发文稿纸供领导签发：标题、文号、主送、抄送、拟稿、核稿、会签、签发栏和印数。</div>
          {ids.length > 1 && (
            <>
              <Checkbox checked={combined} onChange={(e) => setCombined(e.target.checked)} data-testid="export-combined">
                合订为一个文件
              </Checkbox>
              <div className="muted export-hint">{ids.length} 份公文依次排入同一个 Word 文件，每份从新的一页开始，页码各自从 1 起。</div>
            </>
          )}
          <div className="muted export-hint">点击“选择文件夹并导出”后，请在弹出的窗口中选择保存的文件夹。</div>
        </div>
      )}
      {(phase === 'running' || ((phase === 'failed' || phase === 'cancelled') && job)) && (
        <div className="export-progress" data-testid="export-progress" data-state={job?.state ?? 'running'}>
          <div className="export-progress-text">
            {phase === 'running'
              ? cancelling
                ? '正在取消，并删除本批已写出的文件……'
                : `正在导出…… 已完成 ${job?.done ?? 0} / ${job?.total ?? ids.length} 个文件`
              : `已停止：完成 ${job?.done ?? 0} / ${job?.total ?? ids.length} 个文件`}
          </div>
          <Progress percent={percent} status={phase === 'running' ? 'active' : phase === 'failed' ? 'exception' : 'normal'} />
        </div>
      )}
      {phase === 'cancelled' && (
        <Alert type="info" showIcon title="导出已取消，本批已写出的文件均已删除。" data-testid="export-cancelled" />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="export-error" />}
      {phase === 'done' && (
        <div className="export-result" data-testid="export-result" data-count={files.length}>
          <div className="export-result-head">
            <CheckCircleFilled className="export-ok" /> 已导出 {files.length} 个文件
          </div>
          {folder && (
            <div className="export-folder">
              保存在：
              <Typography.Text copyable={{ text: folder, tooltips: ['复制路径', '已复制'] }} className="mono">
                {folder}
              </Typography.Text>
            </div>
          )}
          <ul className="export-files">
            {files.map((f) => (
              <li key={f} title={f} data-testid="export-file">
                <FileWordOutlined className="export-file-icon" /> {baseName(f)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  );
}

/** 全过程: a task's whole story — assigned, edited, reported, 督办/催办, documents, extensions, answers, referrals, done. */
import { Alert, Empty, Spin, Timeline } from 'antd';
import { useEffect, useState } from 'react';
import type { TimelineEntry, TimelineKind } from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import { fmtDate, fmtDateTime } from '../format';

const KIND_COLORS: Record<TimelineKind, string> = {
  assigned: 'blue',
  edited: 'gray',
  report: 'green',
  supervise: 'purple',
  chase: 'red',
  document: 'cyan',
  extension_requested: 'orange',
  extension_decided: 'orange',
  obligation: 'gold',
  referral: 'red',
  completed: 'green',
};

/** The device id is long; its first block tells two PCs apart. */
const shortDevice = (id: string) => (id.length > 8 ? id.slice(0, 8) : id);

export default function TaskTimeline({ taskId }: { taskId: string }) {
  const { dataVersion } = useAppState();
  const docs = useDocuments();
  const [entries, setEntries] = useState<TimelineEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('tasks.timeline', { id: taskId })
      .then((e) => {
        if (!live) return;
        setEntries(e);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [taskId, dataVersion, docs.version]);

  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!entries) return <Spin size="small" />;
  if (entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无记录" />;
  return (
    <Timeline
      className="progress-timeline"
      data-testid="task-timeline"
      items={entries.map((e, i) => ({
        key: `${e.kind}:${e.recordedAt}:${i}`,
        color: KIND_COLORS[e.kind],
        content: (
          <div className="progress-item" data-testid="timeline-item" data-kind={e.kind}>
            <div className="progress-head">
              <b>{fmtDate(e.date)}</b>
              {e.documentId ? (
                <a onClick={() => docs.openDocument(e.documentId!)}>{e.title}</a>
              ) : (
                <span>{e.title}</span>
              )}
              {e.unitName && !e.title.includes(e.unitName) && <span className="muted">{e.unitName}</span>}
            </div>
            {e.detail && <p className="pre-wrap">{e.detail}</p>}
            <div className="muted timeline-recorded" title={`本机编号 ${e.deviceId}`}>
              记录：{e.operator || '—'} · {shortDevice(e.deviceId) || '—'} · {fmtDateTime(e.recordedAt)}
            </div>
          </div>
        ),
      }))}
    />
  );
}

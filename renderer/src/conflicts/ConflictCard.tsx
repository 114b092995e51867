/** One sync conflict: the record and field, both sides side by side (who, on which PC, when), and the choices. */
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { CONFLICT_CHOICE_LABELS, CONFLICT_CHOICES, CONFLICT_KIND_LABELS, type ConflictChoice, type ConflictSide, type ConflictView } from '../../../electron/contract/conflicts';
import { fmtDateTime } from '../format';
import { choiceLabel, orderedChoices, shortDevice, sideTitle, valueText, type SideKey } from './labels';

interface Props {
  conflict: ConflictView;
  /** the choice being sent, if any */
  busy: ConflictChoice | null;
  onChoose: (choice: ConflictChoice) => void;
  onOpenTask: (taskId: string) => void;
  onOpenDocument: (documentId: string) => void;
}

export default function ConflictCard({ conflict: c, busy, onChoose, onOpenTask, onOpenDocument }: Props) {
  const open = c.status === 'open';
  const record = c.rowLabel || '（未命名）';
  const link = c.taskId ? (
    <Typography.Link onClick={() => onOpenTask(c.taskId!)} data-testid="conflict-record">
      {record}
    </Typography.Link>
  ) : c.documentId ? (
    <Typography.Link onClick={() => onOpenDocument(c.documentId!)} data-testid="conflict-record">
      {record}
    </Typography.Link>
  ) : (
    <span data-testid="conflict-record">{record}</span>
  );
  return (
    <section className={`conflict-card${open ? '' : ' conflict-card-resolved'}`} data-testid="conflict-card" data-conflict-id={c.id} data-status={c.status} data-kind={c.kind}>
      <header className="conflict-head">
        <span className="conflict-record">
          <span className="conflict-table">{c.tableLabel}</span>
          <span className="conflict-dot">·</span>
          {link}
        </span>
        <span className="conflict-field">
          {c.columnLabel && <Tag color="blue">{c.columnLabel}</Tag>}
          <Tag color={open ? 'red' : 'default'}>{CONFLICT_KIND_LABELS[c.kind]}</Tag>
        </span>
      </header>
      <div className="conflict-sides">
        {(['earlier', 'later'] as const).map((side) => (
          <SideBox key={side} title={sideTitle(c, side)} side={c[side]} which={side} current={c.winner === side} />
        ))}
      </div>
      <footer className="conflict-foot">
        {open ? (
          <Space wrap>
            {orderedChoices(c).map((choice) => (
              <Button
                key={choice}
                type={choice === 'manual' ? 'default' : 'primary'}
                ghost={choice !== 'manual' && choiceLabel(c, choice) !== '保留本机' && choice !== 'restore'}
                danger={choice === 'keep_deleted' || choice === 'cancel_later'}
                loading={busy === choice}
                disabled={busy !== null && busy !== choice}
                onClick={() => onChoose(choice)}
                data-testid={`conflict-choice-${choice}`}
              >
                {choiceLabel(c, choice)}
              </Button>
            ))}
          </Space>
        ) : (
          <span className="conflict-resolution" data-testid="conflict-resolution">
            <CheckCircleFilled /> 已处理：{resolutionText(c)}
          </span>
        )}
      </footer>
    </section>
  );
}

function SideBox({ title, side, which, current }: { title: string; side: ConflictSide; which: SideKey; current: boolean }) {
  return (
    <div className={`conflict-side${current ? ' conflict-side-current' : ''}`} data-testid={`conflict-side-${which}`} data-this-device={side.isThisDevice ? 'true' : 'false'}>
      <div className="conflict-side-head">
        <span className="conflict-side-title" data-testid="conflict-side-title">
          {title}
        </span>
        {current && (
          <Tag color="green" className="conflict-current" data-testid="conflict-current">
            当前采用
          </Tag>
        )}
      </div>
      <div className="conflict-value" data-testid="conflict-value" data-value={side.display}>
        {valueText(side.display)}
      </div>
      <dl className="conflict-meta">
        <dt>操作员</dt>
        <dd data-testid="conflict-operator">{side.operator || '（未填写）'}</dd>
        <dt>设备</dt>
        <dd title={side.deviceId}>
          {shortDevice(side.deviceId)}
          {side.isThisDevice ? '（本机）' : ''}
        </dd>
        <dt>时间</dt>
        <dd>{fmtDateTime(side.at)}</dd>
      </dl>
    </div>
  );
}

/** The choice made, in this PC's words (保留本机 / 采用对方 rather than 较早 / 较晚 when one side is ours). */
function resolutionText(c: ConflictView): string {
  if (!c.resolution) return '—';
  const choice = CONFLICT_CHOICES.find((x) => CONFLICT_CHOICE_LABELS[x] === c.resolution || x === c.resolution);
  return choice ? choiceLabel(c, choice) : c.resolution;
}

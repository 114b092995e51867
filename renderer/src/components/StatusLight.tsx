import { Tooltip } from 'antd';
import { STATUS_LABELS, STATUS_LIGHTS, type TaskStatus } from '../../../electron/contract';

interface Props {
  status: TaskStatus;
  /** show the label next to the dot */
  withText?: boolean;
  size?: 'small' | 'large';
  testId?: string;
  /** a plain title attribute instead of an antd Tooltip (cheap enough for every row of a big table) */
  plainTooltip?: boolean;
}

/** The traffic light: green on track, yellow due soon / behind plan, red overdue, grey done. */
export function StatusLight({ status, withText = false, size = 'small', testId = 'status-light', plainTooltip = false }: Props) {
  const light = STATUS_LIGHTS[status];
  const label = STATUS_LABELS[status];
  const dot = <span className={`light-dot light-${light} light-${size}`} aria-hidden="true" />;
  return (
    <span className={`status-light status-${status}`} data-testid={testId} data-status={status} data-light={light}>
      {plainTooltip && !withText ? (
        <span className="light-hit" aria-label={label} role="img" title={label}>
          {dot}
        </span>
      ) : withText ? (
        <>
          {dot}
          <span className="light-text">{label}</span>
        </>
      ) : (
        <Tooltip title={label} mouseEnterDelay={0.3}>
          <span className="light-hit" aria-label={label} role="img">
            {dot}
          </span>
        </Tooltip>
      )}
    </span>
  );
}

const TAG_CLASS: Record<TaskStatus, string> = {
  done: 'status-tag status-tag-grey',
  overdue: 'status-tag status-tag-red',
  behind: 'status-tag status-tag-orange',
  due_soon: 'status-tag status-tag-yellow',
  on_track: 'status-tag status-tag-green',
};

/** The status as a compact coloured label (used in tables next to the dot). */
export function StatusTag({ status }: { status: TaskStatus }) {
  return <span className={TAG_CLASS[status]}>{STATUS_LABELS[status]}</span>;
}

import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  EditOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  NotificationOutlined,
  RollbackOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App as AntApp,
  Button,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Popconfirm,
  Progress,
  Space,
  Spin,
  Steps,
  Table,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import {
  ACTION_METHOD_LABELS,
  EXTENSION_STATUS_LABELS,
  RHYTHM_LABELS,
  ROLE_LABELS,
  SOURCE_LABELS,
  TIME_LIMIT_UNIT_LABELS,
  type ExtensionRequest,
  type SupervisionAction,
  type TaskDetail,
  type TaskUnitLink,
} from '../../../electron/contract';
import { ACTION_PURPOSE_LABELS, type ActionPurpose } from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { StatusLight } from '../components/StatusLight';
import { useAppState } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import { DATE_FORMAT, fmtDate, fmtDateTime, fmtPercent, fmtWorkdaysLeft, toIso } from '../format';
import ReferralForm from '../workflow/ReferralForm';
import TaskTimeline from '../workflow/TaskTimeline';
import ActionForm from './ActionForm';
import { ExtensionDecisionForm, ExtensionRequestForm } from './ExtensionForm';
import ProgressForm from './ProgressForm';
import { sourceDateLabel, sourceRefLabel } from './sourceLabels';

interface Props {
  taskId: string | null;
  onClose: () => void;
}

export default function TaskDetailDrawer({ taskId, onClose }: Props) {
  const { message } = AntApp.useApp();
  const { dataVersion, dataChanged, editTask, info, navigate } = useAppState();
  const { draftNow } = useDocuments();
  const [drafting, setDrafting] = useState(false);
  const [detail, setDetail] = useState<TaskDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'progress' | 'action' | 'extension' | 'referral' | null>(null);
  const [deciding, setDeciding] = useState<{ request: ExtensionRequest; approve: boolean } | null>(null);
  const [completing, setCompleting] = useState(false);
  const [completeDate, setCompleteDate] = useState<Dayjs | null>(null);
  const current = useRef<string | null>(null);
  const [conflictCount, setConflictCount] = useState(0);

  const load = useCallback(async (id: string) => {
    setLoading(true);
    try {
      const d = await call('tasks.get', { id });
      if (current.current === id) {
        setDetail(d);
        setError(null);
      }
    } catch (err) {
      if (current.current === id) setError(errorMessage(err));
    } finally {
      if (current.current === id) setLoading(false);
    }
  }, []);

  useEffect(() => {
    current.current = taskId;
    if (!taskId) {
      setDialog(null);
      setDeciding(null);
      return;
    }
    setDetail((d) => (d && d.task.id === taskId ? d : null));
    void load(taskId);
  }, [taskId, dataVersion, load]);

  // open sync conflicts on the task's own record (同步冲突 page)
  useEffect(() => {
    setConflictCount(0);
    if (!taskId) return;
    let live = true;
    call('conflicts.list', { status: 'open', rowId: taskId })
      .then((list) => live && setConflictCount(list.length))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [taskId, dataVersion]);

  const onChanged = (d: TaskDetail) => {
    setDetail(d);
    dataChanged();
  };

  const setCompleted = async (completedOn: string | null) => {
    if (!detail) return;
    setCompleting(true);
    try {
      const d = await call('tasks.setCompleted', { id: detail.task.id, completedOn });
      onChanged(d);
      message.success(completedOn ? '已标记办结。' : '已取消办结，事项恢复在办。');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setCompleting(false);
    }
  };

  const open = taskId !== null;
  const shown = detail && detail.task.id === taskId ? detail : null;
  const t = shown?.task;

  const title = t ? (
    <div className="detail-title">
      <span className="detail-code">{t.code ? `${t.code}` : ''}</span>
      <Typography.Text strong ellipsis={{ tooltip: t.title }} className="detail-title-text">
        {t.title}
      </Typography.Text>
    </div>
  ) : (
    '事项详情'
  );

  const extra = shown && t && (
    <Space size="small" wrap>
      <Button type="primary" icon={<FileTextOutlined />} onClick={() => setDialog('progress')} data-testid="add-progress">
        登记进度
      </Button>
      <Button icon={<NotificationOutlined />} onClick={() => setDialog('action')} data-testid="add-action">
        登记督办催办
      </Button>
      <Tooltip title={t.completedOn ? '事项已办结' : undefined}>
        <Button
          icon={<ClockCircleOutlined />}
          disabled={t.completedOn !== null}
          onClick={() => setDialog('extension')}
          data-testid="extension-request"
        >
          申请延期
        </Button>
      </Tooltip>
      <Button icon={<EditOutlined />} onClick={() => editTask(shown)} data-testid="edit-task">
        编辑
      </Button>
      <Button
        icon={<FileProtectOutlined />}
        loading={drafting}
        onClick={() => {
          setDrafting(true);
          void draftNow({ type: 'assignment_sheet', taskIds: [t.id] }).finally(() => setDrafting(false));
        }}
        data-testid="task-assignment-sheet"
      >
        生成督办单
      </Button>
      {t.completedOn ? (
        <Popconfirm
          title="取消办结？"
          description="事项将恢复为在办状态，重新按办理期限亮灯。"
          okText="取消办结"
          cancelText="不了"
          onConfirm={() => setCompleted(null)}
        >
          <Button icon={<RollbackOutlined />} loading={completing} data-testid="toggle-complete">
            取消办结
          </Button>
        </Popconfirm>
      ) : (
        <Popconfirm
          title="标记办结"
          description={
            <div style={{ width: 240 }}>
              <div style={{ marginBottom: 6 }}>办结日期：</div>
              <DatePicker
                value={completeDate}
                onChange={setCompleteDate}
                format={DATE_FORMAT}
                allowClear={false}
                style={{ width: '100%' }}
                data-testid="complete-date"
              />
            </div>
          }
          okText="办结"
          cancelText="取消"
          onOpenChange={(o) => o && setCompleteDate(dayjs(info.today))}
          onConfirm={() => setCompleted(toIso(completeDate) ?? info.today)}
        >
          <Button icon={<CheckCircleOutlined />} loading={completing} data-testid="toggle-complete">
            标记办结
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={900}
      title={title}
      extra={extra}
      keyboard
      className="detail-drawer"
      styles={{ body: { paddingTop: 12 } }}
    >
      <div data-testid="task-detail" data-task-id={t?.id ?? ''} data-status={shown?.status ?? ''}>
        {error && !shown && (
          <Alert
            type="error"
            showIcon
            title={error}
            action={
              <Button size="small" onClick={() => taskId && void load(taskId)}>
                重试
              </Button>
            }
          />
        )}
        {!shown && !error && (
          <div className="detail-loading">
            <Spin description="正在读取事项……">
              <div style={{ height: 120 }} />
            </Spin>
          </div>
        )}
        {shown && conflictCount > 0 && (
          <Alert
            type="warning"
            showIcon
            className="detail-conflicts"
            title={`有 ${conflictCount} 处同步冲突待确认`}
            description="另一台电脑同步来的修改与本机不同，请到“同步冲突”确认以哪一方为准。"
            action={
              <Button
                size="small"
                onClick={() => {
                  onClose();
                  navigate('conflicts');
                }}
                data-testid="task-conflicts-open"
              >
                去确认
              </Button>
            }
            data-testid="task-conflicts"
            data-count={conflictCount}
          />
        )}
        {shown && t && (
          <Spin spinning={loading && !shown} delay={200}>
            <DetailBody
              detail={shown}
              today={info.today}
              onDecide={(request, approve) => setDeciding({ request, approve })}
              onRefer={() => setDialog('referral')}
            />
          </Spin>
        )}
      </div>
      {shown && dialog === 'progress' && (
        <ProgressForm
          detail={shown}
          today={info.today}
          operator={info.operator}
          onClose={() => setDialog(null)}
          onSaved={(d) => {
            setDialog(null);
            onChanged(d);
            message.success('进度已登记。');
          }}
        />
      )}
      {shown && dialog === 'action' && (
        <ActionForm
          detail={shown}
          today={info.today}
          onClose={() => setDialog(null)}
          onSaved={(d) => {
            setDialog(null);
            onChanged(d);
            message.success('记录已登记。');
          }}
        />
      )}
      {shown && dialog === 'extension' && (
        <ExtensionRequestForm
          detail={shown}
          onClose={() => setDialog(null)}
          onSaved={(d) => {
            setDialog(null);
            onChanged(d);
            message.success('延期申请已登记。');
          }}
        />
      )}
      {shown && dialog === 'referral' && (
        <ReferralForm
          preset={{ task: { id: shown.task.id, title: shown.task.title, units: shown.units } }}
          onClose={() => setDialog(null)}
          onSaved={(r) => {
            setDialog(null);
            dataChanged();
            message.success(`已登记将${r.unitName}移送${r.referredTo}。`);
          }}
        />
      )}
      {shown && deciding && (
        <ExtensionDecisionForm
          request={deciding.request}
          approve={deciding.approve}
          currentDueDate={shown.task.dueDate}
          onClose={() => setDeciding(null)}
          onSaved={(d) => {
            const approved = deciding.approve;
            setDeciding(null);
            onChanged(d);
            message.success(approved ? `已批准延期，办理期限改为 ${fmtDate(d.task.dueDate)}。` : '已记录不予批准。');
          }}
        />
      )}
    </Drawer>
  );
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="detail-section">
      <div className="detail-section-head">
        <span className="detail-section-title">{title}</span>
        {extra}
      </div>
      {children}
    </section>
  );
}

function DetailBody({
  detail,
  today,
  onDecide,
  onRefer,
}: {
  detail: TaskDetail;
  today: string;
  onDecide: (request: ExtensionRequest, approve: boolean) => void;
  /** 移送纪检监察 about this task */
  onRefer: () => void;
}) {
  const { task: t, status, workdaysLeft, latestPercent, plannedPercent, units, milestones, reports, actions, extensions, originalDueDate } = detail;
  const extended = originalDueDate !== t.dueDate;
  const { startDraft } = useDocuments();
  const done = t.completedOn !== null;
  const behind = latestPercent !== null && plannedPercent !== null && latestPercent < plannedPercent;

  const limitText =
    t.timeLimitValue !== null && t.timeLimitUnit !== null
      ? `${t.timeLimitValue} ${TIME_LIMIT_UNIT_LABELS[t.timeLimitUnit]}`
      : '指定期限';

  const unitColumns: ColumnsType<TaskUnitLink> = [
    { title: '单位', dataIndex: 'unitName', ellipsis: true },
    {
      title: '角色',
      dataIndex: 'role',
      width: 64,
      render: (r: TaskUnitLink['role']) => <Tag color={r === 'lead' ? 'blue' : 'default'}>{ROLE_LABELS[r]}</Tag>,
    },
    { title: '联系人', dataIndex: 'contactPerson', width: 90, render: (v: string) => v || '—' },
    { title: '电话', dataIndex: 'contactPhone', width: 130, render: (v: string) => v || '—' },
    {
      title: '最新进度',
      dataIndex: 'latestPercent',
      width: 140,
      render: (p: number | null) => (p === null ? <span className="muted">未报送</span> : <Progress percent={p} size="small" />),
    },
    { title: '最近报送', dataIndex: 'latestReportDate', width: 120, render: (d: string | null) => fmtDate(d) },
    {
      title: '公文',
      key: 'documents',
      width: 100,
      render: (_: unknown, u) => (
        <span className="unit-doc-links">
          <Tooltip title={status === 'overdue' ? undefined : '事项逾期后才能催办'}>
            <Button
              size="small"
              type="link"
              disabled={status !== 'overdue'}
              onClick={() =>
                startDraft({
                  type: 'urge_notice',
                  unitIds: [u.unitId],
                  taskIds: [t.id],
                  origin: `就“${t.title}”向${u.unitName}发催办通知`,
                })
              }
              data-testid="task-urge-notice"
              data-unit-id={u.unitId}
            >
              催办通知
            </Button>
          </Tooltip>
          <Tooltip title={status === 'done' ? '事项已办结' : undefined}>
            <Button
              size="small"
              type="link"
              disabled={status === 'done'}
              onClick={() =>
                startDraft({
                  type: 'supervision_notice',
                  unitIds: [u.unitId],
                  taskIds: [t.id],
                  origin: `就“${t.title}”向${u.unitName}发督查通知书`,
                })
              }
              data-testid="task-supervision-notice"
              data-unit-id={u.unitId}
            >
              督查通知书
            </Button>
          </Tooltip>
        </span>
      ),
    },
  ];

  const actionColumns: ColumnsType<SupervisionAction> = [
    { title: '日期', dataIndex: 'actionDate', width: 120, render: (d: string) => fmtDate(d) },
    {
      title: '方式',
      dataIndex: 'method',
      width: 90,
      render: (m: SupervisionAction['method']) => (
        <Tag color={m === 'written' ? 'volcano' : m === 'onsite' ? 'purple' : 'geekblue'}>{ACTION_METHOD_LABELS[m]}</Tag>
      ),
    },
    {
      title: '类别',
      key: 'purpose',
      width: 64,
      dataIndex: 'purpose',
      render: (p: ActionPurpose) => <Tag color={p === 'chase' ? 'red' : 'blue'}>{ACTION_PURPOSE_LABELS[p]}</Tag>,
    },
    { title: '对象单位', dataIndex: 'unitName', width: 150, render: (n: string | null) => n ?? '全部责任单位' },
    { title: '督办情况', dataIndex: 'note', render: (n: string) => n || '—' },
    { title: '经办人', dataIndex: 'operator', width: 80 },
  ];

  const reached = milestones.filter((m) => m.dueDate <= today).length;
  const gap = latestPercent !== null && plannedPercent !== null ? plannedPercent - latestPercent : 0;

  return (
    <div className="detail-body">
      <div className={`detail-summary summary-${status}`}>
        <div className="summary-block">
          <div className="summary-label">状态</div>
          <span data-testid="detail-status" data-status={status} className="detail-status">
            <StatusLight status={status} withText size="large" testId="detail-light" />
          </span>
        </div>
        <div className="summary-block">
          <div className="summary-label">办理期限</div>
          <div className="summary-value" data-testid="detail-due" data-due={t.dueDate}>
            {fmtDate(t.dueDate)}
            {extended && (
              <Tag color="orange" style={{ marginLeft: 6 }}>
                已延期
              </Tag>
            )}
          </div>
          {extended && (
            <div className="summary-sub muted" data-testid="detail-original-due">
              原定期限 {fmtDate(originalDueDate)}
            </div>
          )}
          <div className={`summary-sub ${!done && workdaysLeft < 0 ? 'num-red' : ''}`} data-testid="detail-workdays-left">
            {done ? `${fmtDate(t.completedOn)}办结` : fmtWorkdaysLeft(workdaysLeft, false)}
          </div>
        </div>
        <div className="summary-block summary-progress">
          <div className="summary-label">
            最新进度 <b data-testid="detail-latest-percent">{fmtPercent(latestPercent)}</b>
            <span className="muted"> · 计划进度 {fmtPercent(plannedPercent)}</span>
          </div>
          <div className="plan-bar" title={`最新进度 ${fmtPercent(latestPercent)}，计划进度 ${fmtPercent(plannedPercent)}`}>
            <span className={`plan-fill ${behind ? 'pct-behind' : ''}`} style={{ width: `${latestPercent ?? 0}%` }} />
            {plannedPercent !== null && <span className="plan-mark" style={{ left: `${plannedPercent}%` }} />}
          </div>
          <div className="summary-sub">
            {behind ? <span className="num-orange">落后计划 {gap} 个百分点</span> : reports.length ? `共 ${reports.length} 次进度报告` : '尚未报送进度'}
          </div>
        </div>
      </div>

      <Section title="基本信息">
        <Descriptions
          bordered
          size="small"
          column={3}
          styles={{ label: { width: 92, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'source', label: '来源', children: SOURCE_LABELS[t.source] },
            { key: 'year', label: '年度', children: `${t.year}年` },
            { key: 'code', label: '序号', children: t.code || '—' },
            { key: 'ref', label: sourceRefLabel(t.source), children: t.sourceRef || '—', span: 2 },
            { key: 'refDate', label: sourceDateLabel(t.source), children: fmtDate(t.sourceDate) },
            { key: 'leader', label: '责任领导', children: t.leader || '—' },
            { key: 'assigned', label: '交办日期', children: fmtDate(t.assignedDate) },
            { key: 'limit', label: '办理时限', children: limitText },
            {
              key: 'due',
              label: '办理期限',
              children: extended ? (
                <span>
                  {fmtDate(t.dueDate)} <Tag color="orange">已延期</Tag>
                  <span className="muted">原定期限 {fmtDate(originalDueDate)}</span>
                </span>
              ) : (
                fmtDate(t.dueDate)
              ),
            },
            {
              key: 'left',
              label: '剩余工作日',
              children: done ? '已办结' : workdaysLeft < 0 ? <span className="num-red">逾期 {-workdaysLeft} 个工作日</span> : `${workdaysLeft} 个工作日`,
            },
            { key: 'rhythm', label: '报告频次', children: RHYTHM_LABELS[t.rhythm] },
            { key: 'content', label: '工作内容', span: 3, children: <div className="pre-wrap">{t.content || '—'}</div> },
            ...(t.note ? [{ key: 'note', label: '备注', span: 3, children: <div className="pre-wrap">{t.note}</div> }] : []),
            {
              key: 'updated',
              label: '最后修改',
              span: 3,
              children: (
                <span className="muted" title={t.updatedBy}>
                  {fmtDateTime(t.updatedAt)} {operatorOf(t.updatedBy)}
                </span>
              ),
            },
          ]}
        />
      </Section>

      <Section title={`责任单位（${units.length}）`}>
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          columns={unitColumns}
          dataSource={units}
          data-testid="detail-units"
        />
      </Section>

      {milestones.length > 0 && (
        <Section title="计划节点">
          <Steps
            size="small"
            current={Math.max(0, reached - 1)}
            className="milestones"
            items={milestones.map((m, i) => ({
              key: m.id,
              title: m.label,
              status: i < reached ? 'finish' : i === reached ? 'process' : 'wait',
              content: (
                <span className="milestone-desc">
                  {fmtDate(m.dueDate)} · 计划 {m.plannedPercent}%{m.description ? <br /> : null}
                  {m.description}
                </span>
              ),
            }))}
          />
        </Section>
      )}

      <Section title={`进展情况（${reports.length}）`}>
        {reports.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未登记进度报告" />
        ) : (
          <Timeline
            className="progress-timeline"
            data-testid="progress-timeline"
            items={[...reports]
              .sort((a, b) => (a.reportDate === b.reportDate ? b.createdAt.localeCompare(a.createdAt) : b.reportDate.localeCompare(a.reportDate)))
              .map((r) => ({
                key: r.id,
                color: r.noChange ? 'gray' : 'blue',
                content: (
                  <div className="progress-item" data-testid="progress-item" data-report-id={r.id}>
                    <div className="progress-head">
                      <b>{fmtDate(r.reportDate)}</b>
                      <span>{r.unitName}</span>
                      {r.period && <Tag>{r.period}</Tag>}
                      {r.percent !== null && <Tag color="blue">完成 {r.percent}%</Tag>}
                      {r.stage && <Tag color="cyan">{r.stage}</Tag>}
                      {r.noChange && <Tag color="orange">与上期相比无变化</Tag>}
                      <span className="muted progress-by">{r.reporter ? `报送人 ${r.reporter}` : ''}</span>
                    </div>
                    {r.doneText && (
                      <p>
                        <span className="progress-label">进展</span>
                        {r.doneText}
                      </p>
                    )}
                    {r.problems && (
                      <p>
                        <span className="progress-label progress-label-warn">问题</span>
                        {r.problems}
                      </p>
                    )}
                    {r.nextSteps && (
                      <p>
                        <span className="progress-label">下步</span>
                        {r.nextSteps}
                      </p>
                    )}
                  </div>
                ),
              }))}
          />
        )}
      </Section>

      <Section title={`延期申请（${extensions.length}）`}>
        {extensions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有延期申请" />
        ) : (
          <div data-testid="detail-extensions">
            {extensions.map((e) => (
              <div key={e.id} className="progress-item" data-testid="extension-item" data-status={e.status} data-extension-id={e.id}>
                <div className="progress-head">
                  <b>{fmtDateTime(e.createdAt)}</b>
                  <span>{e.unitName}</span>
                  <Tag>申请延至 {fmtDate(e.requestedDate)}</Tag>
                  <Tag color={e.status === 'approved' ? 'green' : e.status === 'refused' ? 'red' : 'gold'}>{EXTENSION_STATUS_LABELS[e.status]}</Tag>
                  {e.status === 'requested' && !done && (
                    <Space size="small">
                      <Button size="small" type="primary" onClick={() => onDecide(e, true)} data-testid="extension-approve">
                        批准
                      </Button>
                      <Button size="small" danger onClick={() => onDecide(e, false)} data-testid="extension-refuse">
                        不予批准
                      </Button>
                    </Space>
                  )}
                </div>
                <p>
                  <span className="progress-label">理由</span>
                  {e.reason}
                </p>
                {e.stageProgress && (
                  <p>
                    <span className="progress-label">进展</span>
                    {e.stageProgress}
                  </p>
                )}
                {e.status !== 'requested' && (
                  <p className="muted">
                    {fmtDate(e.decidedOn)} {e.decidedBy} {EXTENSION_STATUS_LABELS[e.status]}
                    {e.status === 'approved' && `：${fmtDate(e.originalDueDate)} 延至 ${fmtDate(e.approvedDueDate)}`}
                    {e.decisionNote && `（${e.decisionNote}）`}
                  </p>
                )}
              </div>
            ))}
          </div>
        )}
      </Section>

      <Section
        title={`督办催办记录（${actions.length}）`}
        extra={
          <Tooltip title="发现失职渎职、违纪违法等情形的，登记移送纪检监察部门">
            <Button size="small" danger icon={<WarningOutlined />} onClick={onRefer} data-testid="task-referral">
              移送纪检监察
            </Button>
          </Tooltip>
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          columns={actionColumns}
          dataSource={[...actions].sort((a, b) => b.actionDate.localeCompare(a.actionDate))}
          locale={{ emptyText: '尚未督办' }}
          data-testid="detail-actions"
        />
      </Section>

      <Section title="全过程">
        <TaskTimeline taskId={t.id} />
      </Section>
    </div>
  );
}

/** `updated_by` is “device id:operator”; the person is what the officer wants to read. */
function operatorOf(updatedBy: string): string {
  const i = updatedBy.lastIndexOf(':');
  return i >= 0 ? updatedBy.slice(i + 1) : updatedBy;
}

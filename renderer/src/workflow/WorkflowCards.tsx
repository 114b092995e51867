/**
 * The 工作台's workflow row: this period's missing reports by unit (one click to chase the unit), the units on the
 * 催办 list, the answers past their 限期, and the extension requests waiting for a decision.
 */
import { BellOutlined, ClockCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Row, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { SOURCE_LABELS } from '../../../electron/contract';
import { OBLIGATION_KIND_LABELS, type WorkflowSummary } from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { fmtDate } from '../format';

export default function WorkflowCards({ year }: { year: number }) {
  const { dataVersion, openChase } = useAppState();
  const [data, setData] = useState<WorkflowSummary | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('workflow.summary', { year })
      .then((d) => {
        if (!live) return;
        setData(d);
        setError(null);
      })
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [year, dataVersion]);

  if (error && !data) return <Alert type="warning" showIcon style={{ marginTop: 12 }} title={`催办督办情况暂时无法读取：${error}`} />;

  const periods = (data?.currentPeriods ?? []).filter((p) => p.period !== null);
  const missingTotal = (data?.missingByUnit ?? []).reduce((n, u) => n + u.missing, 0);

  return (
    <Row gutter={[12, 12]} style={{ marginTop: 12 }} className="dashboard-workflow" data-testid="dashboard-workflow">
      <Col xs={24} xl={8}>
        <Card
          size="small"
          className="dash-card"
          title={
            <Tooltip title={periods.map((p) => `${SOURCE_LABELS[p.source]}：${p.period!.label}`).join('；') || undefined}>
              <span>
                <span className="light-dot light-red" /> 本期未报送
                <span className="card-count">{missingTotal}</span>
              </span>
            </Tooltip>
          }
          extra={<a onClick={() => openChase({ tab: 'feedback' })}>报送情况</a>}
        >
          {data && data.missingByUnit.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期各单位均已报送" />
          ) : (
            <div className="task-list" data-testid="dashboard-missing">
              {(data?.missingByUnit ?? []).map((u) => (
                <button
                  type="button"
                  key={u.unitId}
                  className="task-list-item"
                  onClick={() => openChase({ tab: 'list', unitId: u.unitId })}
                  data-testid="dashboard-missing-unit"
                  data-unit-id={u.unitId}
                  title={`到催办名单中催办${u.unitName}`}
                >
                  <span className="task-list-main">
                    <span className="task-list-title">{u.unitName}</span>
                  </span>
                  <span className="task-list-when num-red">{u.missing} 项未报送</span>
                </button>
              ))}
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card
          size="small"
          className="dash-card"
          title={
            <span>
              <span className="light-dot light-orange" /> 逾期未回复
              <span className="card-count">{data?.overdueObligations.length ?? 0}</span>
            </span>
          }
          extra={<a onClick={() => openChase({ tab: 'obligations' })}>回复与整改</a>}
        >
          {data && data.overdueObligations.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有逾期未回复的通知书或整改报告" />
          ) : (
            <div className="task-list" data-testid="dashboard-overdue-obligations">
              {(data?.overdueObligations ?? []).map((o) => (
                <button
                  type="button"
                  key={o.id}
                  className="task-list-item"
                  onClick={() => openChase({ tab: 'obligations', unitId: o.unitId })}
                  data-obligation-id={o.id}
                >
                  <span className="task-list-main">
                    <span className="task-list-title">
                      {o.unitName} · {OBLIGATION_KIND_LABELS[o.kind]}
                    </span>
                    <span className="task-list-sub">
                      {o.documentNumber ?? o.documentTitle} · 限期 {fmtDate(o.dueDate)}
                    </span>
                  </span>
                  <span className="task-list-when num-red">逾期{o.daysLate}天</span>
                </button>
              ))}
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <div className="workflow-stats">
          <button type="button" className="stat-card stat-red" onClick={() => openChase({ tab: 'list' })} data-testid="dashboard-units-to-chase" title="到催办名单">
            <span className="stat-label">
              <BellOutlined /> 待催办单位
            </span>
            <span className="stat-value" data-testid="dashboard-units-to-chase-count">
              {data ? data.unitsToChase : '—'}
            </span>
            <span className="stat-hint" data-testid="dashboard-flagged">
              {data ? `其中 ${data.flaggedUnits} 个列入下期通报` : '逾期未说明原因、未按期报送的单位'}
            </span>
          </button>
          <div className="stat-card stat-yellow" data-testid="dashboard-pending-extensions">
            <span className="stat-label">
              <ClockCircleOutlined /> 待审批延期
            </span>
            <span className="stat-value">{data ? data.pendingExtensions : '—'}</span>
            <span className="stat-hint">单位已申请延期、尚未审批的事项</span>
          </div>
        </div>
      </Col>
    </Row>
  );
}

/**
 * 年度考核 (seed 三(三)): every unit's score for the year — completion of its tasks, the base part, deductions and
 * bonus per the rules in 设置 — ranked. A row opens the breakdown, and each record behind a point opens what caused it.
 */
import { FileDoneOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useRef, useState, type HTMLAttributes } from 'react';
import { UNIT_KIND_LABELS } from '../../../electron/contract';
import { BONUS_RULES, type AssessmentSheet, type ScoreRecord, type UnitScore } from '../../../electron/contract/workflow';
import { call, errorMessage } from '../api';
import { useAppState } from '../context';
import { useDocuments } from '../documents/DocumentsHost';
import { fmtDate } from '../format';
import { yearOptions } from '../workflow/labels';

/** 12.5 → “12.5”, 12 → “12”, -3 → “-3”. */
const fmtPoints = (n: number) => String(Math.round(n * 100) / 100);

export default function Assessment() {
  const { info, currentYear, dataVersion } = useAppState();
  const docs = useDocuments();
  const [year, setYear] = useState(currentYear);
  const [sheet, setSheet] = useState<AssessmentSheet | null>(null);
  const [loading, setLoading] = useState(false);
  const [drafting, setDrafting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [expanded, setExpanded] = useState<string[]>([]);
  const seq = useRef(0);

  const load = useCallback(async () => {
    const n = ++seq.current;
    setLoading(true);
    try {
      const res = await call('assessment.sheet', { year });
      if (n !== seq.current) return;
      setSheet(res);
      setError(null);
    } catch (err) {
      if (n === seq.current) setError(errorMessage(err));
    } finally {
      if (n === seq.current) setLoading(false);
    }
  }, [year]);

  useEffect(() => {
    void load();
  }, [load, dataVersion, docs.version]);

  const draftSheet = () => {
    setDrafting(true);
    void docs.draftNow({ type: 'assessment_sheet', year, unitIds: [] }).finally(() => setDrafting(false));
  };

  const columns: ColumnsType<UnitScore> = [
    { title: '排名', dataIndex: 'rank', width: 64, align: 'center', render: (r: number) => <b className="rank">{r}</b> },
    {
      title: '单位',
      dataIndex: 'unitName',
      render: (name: string, u) => (
        <span>
          {name} <span className="muted">{UNIT_KIND_LABELS[u.unitKind]}</span>
        </span>
      ),
    },
    {
      title: '完成率',
      key: 'rate',
      width: 90,
      align: 'right',
      render: (_: unknown, u) => `${Math.round(u.completion.rate * 1000) / 10}%`,
    },
    { title: '完成分', key: 'cp', width: 80, align: 'right', render: (_: unknown, u) => fmtPoints(u.completion.points) },
    { title: '基础分', dataIndex: 'base', width: 80, align: 'right', render: (n: number) => fmtPoints(n) },
    {
      title: '扣分',
      dataIndex: 'deduction',
      width: 80,
      align: 'right',
      render: (n: number) => (n < 0 ? <span className="num-red">{fmtPoints(n)}</span> : <span className="num-zero">0</span>),
    },
    {
      title: '加分',
      dataIndex: 'bonus',
      width: 80,
      align: 'right',
      render: (n: number) => (n > 0 ? <span className="num-green">+{fmtPoints(n)}</span> : <span className="num-zero">0</span>),
    },
    {
      title: '总分',
      dataIndex: 'total',
      width: 90,
      align: 'right',
      render: (n: number) => (
        <b className="score-total" data-testid="assessment-total">
          {fmtPoints(n)}
        </b>
      ),
    },
  ];

  return (
    <div className="page assessment-page" data-testid="assessment-page">
      <div className="page-toolbar">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {year}年度考核
          </Typography.Title>
          <Select value={year} onChange={setYear} options={yearOptions(currentYear, info.years)} style={{ width: 110 }} aria-label="年度" data-testid="assessment-year" />
          <Tooltip title="刷新">
            <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading} aria-label="刷新" />
          </Tooltip>
          <Button type="primary" icon={<FileDoneOutlined />} loading={drafting} onClick={draftSheet} data-testid="assessment-draft">
            生成考核评分表
          </Button>
        </Space>
        {sheet && (
          <Typography.Text type="secondary">
            计分截至 {fmtDate(sheet.asOf)} · 基础分 {fmtPoints(sheet.rules.basePoints)} + 完成率分 {fmtPoints(sheet.rules.completionPoints)}，扣分最多{' '}
            {fmtPoints(sheet.rules.maxDeduction)}、加分最多 {fmtPoints(sheet.rules.maxBonus)}（规则在“设置”中修改）
          </Typography.Text>
        )}
      </div>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<UnitScore>
        size="small"
        rowKey="unitId"
        columns={columns}
        dataSource={sheet?.units ?? []}
        loading={loading && !sheet}
        pagination={false}
        expandable={{
          expandedRowKeys: expanded,
          onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          expandRowByClick: true,
          expandedRowRender: (u) => <ScoreBreakdown unit={u} />,
        }}
        onRow={(u) =>
          ({ 'data-testid': 'assessment-row', 'data-unit-id': u.unitId, 'data-total': u.total, 'data-rank': u.rank }) as HTMLAttributes<HTMLElement>
        }
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${year}年没有参加考核的单位`} /> }}
        data-testid="assessment-table"
      />
    </div>
  );
}

/** The completion part and every rule that moved the score, each with the records behind it. */
function ScoreBreakdown({ unit }: { unit: UnitScore }) {
  const c = unit.completion;
  const lines = unit.lines.filter((l) => l.count > 0 || l.points !== 0);
  return (
    <div className="score-breakdown" data-testid="score-breakdown">
      <div className="score-part">
        <div className="score-part-head">
          <b>任务完成</b>
          <span>
            牵头 {c.leadTasks} 项、配合 {c.assistTasks} 项；按期办结 {c.doneOnTime}、逾期办结 {c.doneLate}、未办结 {c.open}；加权完成率{' '}
            {Math.round(c.rate * 1000) / 10}%，得 <b>{fmtPoints(c.points)}</b> 分
          </span>
        </div>
        <RecordLinks records={c.records} />
      </div>
      {lines.length === 0 ? (
        <div className="muted">没有扣分或加分。</div>
      ) : (
        lines.map((l) => {
          const bonus = BONUS_RULES.includes(l.rule);
          return (
            <div key={l.rule} className="score-part" data-testid="score-line" data-rule={l.rule}>
              <div className="score-part-head">
                <Tag color={bonus ? 'green' : 'red'}>{l.label}</Tag>
                <span>
                  {l.count} 次，{bonus ? '加' : '扣'} <b className={bonus ? 'num-green' : 'num-red'}>{fmtPoints(Math.abs(l.points))}</b> 分
                </span>
              </div>
              <RecordLinks records={l.records} />
            </div>
          );
        })
      )}
      {(unit.deduction !== lines.filter((l) => l.points < 0).reduce((s, l) => s + l.points, 0) ||
        unit.bonus !== lines.filter((l) => l.points > 0).reduce((s, l) => s + l.points, 0)) && (
        <div className="muted">扣分、加分已按上限计入：扣 {fmtPoints(-unit.deduction)} 分，加 {fmtPoints(unit.bonus)} 分。</div>
      )}
    </div>
  );
}

function RecordLinks({ records }: { records: ScoreRecord[] }) {
  const { openTask, openChase } = useAppState();
  const docs = useDocuments();
  const [all, setAll] = useState(false);
  if (records.length === 0) return null;
  const open = (r: ScoreRecord) => {
    switch (r.kind) {
      case 'document':
        docs.showRegistry();
        docs.openDocument(r.documentId ?? r.id);
        return;
      case 'obligation':
        openChase({ tab: 'obligations' });
        return;
      case 'referral':
        if (r.taskId) openTask(r.taskId);
        else openChase({ tab: 'referrals' });
        return;
      default: {
        // a task, a report period (its id is the task's), a 催办/督办 action (about a task)
        const taskId = r.taskId ?? (r.kind === 'task' || r.kind === 'report_period' ? r.id : null);
        if (taskId) openTask(taskId);
        else if (r.documentId) {
          docs.showRegistry();
          docs.openDocument(r.documentId);
        }
      }
    }
  };
  const shown = all ? records : records.slice(0, 12);
  return (
    <ul className="score-records">
      {shown.map((r, i) => (
        <li key={`${r.kind}:${r.id}:${i}`}>
          <a onClick={() => open(r)} data-testid="score-record" data-kind={r.kind}>
            {r.label.includes(fmtDate(r.date)) ? r.label : `${fmtDate(r.date)} ${r.label}`}
          </a>
        </li>
      ))}
      {records.length > shown.length && (
        <li>
          <a onClick={() => setAll(true)}>另有 {records.length - shown.length} 条，全部显示</a>
        </li>
      )}
    </ul>
  );
}

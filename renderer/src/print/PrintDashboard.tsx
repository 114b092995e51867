/**
 * The 工作台 on paper (A4 portrait): the year's figures as plain tables — 总体情况, 按来源, 按单位 (every unit, not
 * only what fits the card's scroll box), 催办督办, and the 逾期 / 临期 / 滞后 lists — under a header with the office,
 * the title and the dates. No cards, links or buttons: black text, ruled tables (print.css).
 */
import dayjs from 'dayjs';
import { SOURCE_LABELS, type Dashboard, type StatusCounts, type TaskRow } from '../../../electron/contract';
import { OBLIGATION_KIND_LABELS, type WorkflowSummary } from '../../../electron/contract/workflow';
import { call } from '../api';
import { fmtDate, fmtMonthDay, fmtPercent } from '../format';
import type { PrintJob } from './PrintButton';

const TOTALS: Array<{ key: keyof StatusCounts; label: string }> = [
  { key: 'total', label: '事项总数' },
  { key: 'done', label: '已办结' },
  { key: 'on_track', label: '正常推进' },
  { key: 'due_soon', label: '临期' },
  { key: 'overdue', label: '逾期' },
  { key: 'behind', label: '滞后于计划' },
];

const BY_STATUS: Array<{ key: keyof StatusCounts; label: string }> = [
  { key: 'on_track', label: '正常推进' },
  { key: 'due_soon', label: '临期' },
  { key: 'behind', label: '滞后' },
  { key: 'overdue', label: '逾期' },
  { key: 'done', label: '已办结' },
];

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function rate(done: number, total: number): string {
  return total ? `${Math.round((done / total) * 100)}%` : '—';
}

/** The print job of the 工作台 of one year: loads its figures fresh. */
export async function dashboardPrintJob(opts: { year: number; officeName: string; today: string }): Promise<PrintJob> {
  const [data, workflow] = await Promise.all([
    call('dashboard.get', { year: opts.year }),
    // the 催办督办 figures are a section of their own: the page prints without them if they cannot be read
    call('workflow.summary', { year: opts.year }).catch(() => null),
  ]);
  const title = `${data.year}年督查工作台`;
  return {
    landscape: false,
    title,
    fileName: `督查工作台-${data.year}年-${opts.today}`,
    runningHead: { left: `${opts.officeName} · ${title}`, right: `打印日期：${fmtDate(opts.today)}` },
    view: <PrintDashboard data={data} workflow={workflow} officeName={opts.officeName} title={title} printDate={opts.today} />,
  };
}

export default function PrintDashboard({
  data,
  workflow,
  officeName,
  title,
  printDate,
}: {
  data: Dashboard;
  workflow: WorkflowSummary | null;
  officeName: string;
  title: string;
  printDate: string;
}) {
  const t = data.totals;
  let section = 0;
  const heading = (text: string) => `${CHINESE_NUMERALS[section++] ?? section}、${text}`;
  const today = dayjs(data.today);

  const taskList = (rows: TaskRow[], count: number, kind: 'overdue' | 'due_soon' | 'behind') => {
    if (rows.length === 0) return <p className="print-empty">没有需要关注的事项。</p>;
    const when = (r: TaskRow) => {
      if (kind === 'overdue') return `逾期${today.diff(dayjs(r.dueDate), 'day')}天`;
      if (kind === 'due_soon') {
        const days = dayjs(r.dueDate).diff(today, 'day');
        return days <= 0 ? '今日到期' : `${fmtMonthDay(r.dueDate)}到期`;
      }
      return `${fmtPercent(r.latestPercent)} / 计划${fmtPercent(r.plannedPercent)}`;
    };
    return (
      <>
        <table className="print-table" data-testid={`print-dashboard-${kind}`}>
          <colgroup>
            <col style={{ width: '6%' }} />
            <col style={{ width: '36%' }} />
            <col style={{ width: '13%' }} />
            <col style={{ width: '17%' }} />
            <col style={{ width: '15%' }} />
            <col style={{ width: '13%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>序号</th>
              <th>事项名称</th>
              <th>来源</th>
              <th>牵头单位</th>
              <th>办理期限</th>
              <th>{kind === 'behind' ? '进度' : '情况'}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}>
                <td className="center">{i + 1}</td>
                <td>{r.title}</td>
                <td>{SOURCE_LABELS[r.source]}</td>
                <td>{r.leadUnits || '—'}</td>
                <td>{fmtDate(r.dueDate)}</td>
                <td>{when(r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {count > rows.length && <p className="print-note">以上列出前 {rows.length} 项，共 {count} 项；全部事项请在督查台账中筛选后打印。</p>}
      </>
    );
  };

  return (
    <div className="print-sheet print-dashboard" data-testid="print-dashboard">
      <header className="print-head">
        <div className="print-office" data-testid="print-office">
          {officeName}
        </div>
        <h1 className="print-title" data-testid="print-title">
          {title}
        </h1>
        <div className="print-meta">
          <span>
            统计截至 {fmtDate(data.today)}；近7日收到进度报告 {data.recentReports} 份
          </span>
          <span>打印日期：{fmtDate(printDate)}</span>
        </div>
      </header>

      <h2 className="print-section">{heading('总体情况')}</h2>
      <table className="print-table" data-testid="print-dashboard-totals">
        <thead>
          <tr>
            {TOTALS.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {TOTALS.map((c) => (
              <td key={c.key} className="center">
                {t[c.key]}
                {c.key !== 'total' && t.total > 0 ? `（${Math.round((t[c.key] / t.total) * 100)}%）` : ''}
              </td>
            ))}
          </tr>
        </tbody>
      </table>

      <h2 className="print-section">{heading('按来源')}</h2>
      <table className="print-table" data-testid="print-dashboard-by-source">
        <colgroup>
          <col style={{ width: '23%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>来源</th>
            <th className="num">总数</th>
            {BY_STATUS.map((c) => (
              <th key={c.key} className="num">
                {c.label}
              </th>
            ))}
            <th className="num">办结率</th>
          </tr>
        </thead>
        <tbody>
          {data.bySource.map((r) => (
            <tr key={r.source}>
              <td>{SOURCE_LABELS[r.source]}</td>
              <td className="num">{r.total}</td>
              {BY_STATUS.map((c) => (
                <td key={c.key} className="num">
                  {r[c.key]}
                </td>
              ))}
              <td className="num">{rate(r.done, r.total)}</td>
            </tr>
          ))}
          <tr className="print-total-row">
            <td>合计</td>
            <td className="num">{t.total}</td>
            {BY_STATUS.map((c) => (
              <td key={c.key} className="num">
                {t[c.key]}
              </td>
            ))}
            <td className="num">{rate(t.done, t.total)}</td>
          </tr>
        </tbody>
      </table>

      <h2 className="print-section">{heading('按单位（逾期多的在前）')}</h2>
      {data.byUnit.length === 0 ? (
        <p className="print-empty">暂无在办事项。</p>
      ) : (
        <table className="print-table" data-testid="print-dashboard-by-unit">
          <colgroup>
            <col style={{ width: '7%' }} />
            <col style={{ width: '38%' }} />
          </colgroup>
          <thead>
            <tr>
              <th>序号</th>
              <th>单位</th>
              <th>牵头/配合</th>
              <th className="num">逾期</th>
              <th className="num">临期</th>
              <th className="num">滞后</th>
              <th className="num">合计</th>
            </tr>
          </thead>
          <tbody>
            {data.byUnit.map((u, i) => (
              <tr key={u.unitId}>
                <td className="center">{i + 1}</td>
                <td>{u.unitName}</td>
                <td className="center">
                  {u.lead} / {u.assist}
                </td>
                <td className="num">{u.overdue}</td>
                <td className="num">{u.due_soon}</td>
                <td className="num">{u.behind}</td>
                <td className="num">{u.total}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {workflow && (
        <>
          <h2 className="print-section">{heading('催办督办')}</h2>
          <p className="print-note">
            待催办单位 {workflow.unitsToChase} 个（其中 {workflow.flaggedUnits} 个列入下期通报）；待审批延期 {workflow.pendingExtensions} 项；
            逾期未回复的通知书或整改报告 {workflow.overdueObligations.length} 件；本期未报送{' '}
            {workflow.missingByUnit.reduce((n, u) => n + u.missing, 0)} 项。
          </p>
          {workflow.missingByUnit.length > 0 && (
            <table className="print-table" data-testid="print-dashboard-missing">
              <colgroup>
                <col style={{ width: '7%' }} />
                <col style={{ width: '63%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>本期未报送的单位</th>
                  <th className="num">未报送事项</th>
                </tr>
              </thead>
              <tbody>
                {workflow.missingByUnit.map((u, i) => (
                  <tr key={u.unitId}>
                    <td className="center">{i + 1}</td>
                    <td>{u.unitName}</td>
                    <td className="num">{u.missing} 项</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {workflow.overdueObligations.length > 0 && (
            <table className="print-table" data-testid="print-dashboard-obligations">
              <colgroup>
                <col style={{ width: '7%' }} />
                <col style={{ width: '22%' }} />
                <col style={{ width: '12%' }} />
                <col style={{ width: '28%' }} />
                <col style={{ width: '16%' }} />
                <col style={{ width: '15%' }} />
              </colgroup>
              <thead>
                <tr>
                  <th>序号</th>
                  <th>逾期未回复的单位</th>
                  <th>类别</th>
                  <th>文件</th>
                  <th>限期</th>
                  <th>情况</th>
                </tr>
              </thead>
              <tbody>
                {workflow.overdueObligations.map((o, i) => (
                  <tr key={o.id}>
                    <td className="center">{i + 1}</td>
                    <td>{o.unitName}</td>
                    <td>{OBLIGATION_KIND_LABELS[o.kind]}</td>
                    <td>{o.documentNumber ?? o.documentTitle}</td>
                    <td>{fmtDate(o.dueDate)}</td>
                    <td>逾期{o.daysLate}天</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}

      <h2 className="print-section">{heading(`逾期事项（${t.overdue} 项）`)}</h2>
      {taskList(data.overdue, t.overdue, 'overdue')}
      <h2 className="print-section">{heading(`临期事项（${t.due_soon} 项）`)}</h2>
      {taskList(data.dueSoon, t.due_soon, 'due_soon')}
      <h2 className="print-section">{heading(`滞后于计划（${t.behind} 项）`)}</h2>
      {taskList(data.behind, t.behind, 'behind')}
    </div>
  );
}

/**
 * One chart of the 统计 page in a card: the chart, a 导出图片 button (the PNG goes to a folder the officer picks; the
 * saved path is shown), and the table with the same numbers in a collapsible 数据表 panel.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Collapse, Space, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { call, errorMessage } from '../api';
import type { ChartClick, ChartOption } from './echarts';
import { useEChart } from './useEChart';

export interface ChartCardProps {
  /** test id suffix and React key: source, unit, period, ranking */
  id: string;
  title: ReactNode;
  /** the image's file name, without extension */
  exportName: string;
  option: ChartOption | null;
  onChartClick?: (event: ChartClick) => void;
  height: number;
  /** controls next to the export button (a 牵头/配合 or 月/季 switch) */
  controls?: ReactNode;
  /** a line under the chart (the ranking rule, a note) */
  note?: ReactNode;
  table: ReactNode;
  tableOpen?: boolean;
}

export default function ChartCard(props: ChartCardProps) {
  const { id, title, exportName, option, onChartClick, height, controls, note, table, tableOpen = false } = props;
  const { message } = AntApp.useApp();
  const { ref, toPng } = useEChart(option, onChartClick);
  const [saving, setSaving] = useState(false);
  const [savedPath, setSavedPath] = useState<string | null>(null);

  const save = async () => {
    const dataUrl = toPng();
    if (!dataUrl) return;
    setSaving(true);
    try {
      const saved = await call('statistics.savePng', { name: exportName, dataUrl });
      if (saved) {
        setSavedPath(saved);
        message.success(`图片已保存：${saved}`);
      }
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      className="stats-card"
      title={title}
      data-testid={`chart-card-${id}`}
      extra={
        <Space size="small" wrap>
          {controls}
          <Tooltip title="将图表保存为 PNG 图片，可插入报告">
            <Button size="small" icon={<DownloadOutlined />} loading={saving} onClick={() => void save()} data-testid={`chart-export-${id}`}>
              导出图片
            </Button>
          </Tooltip>
        </Space>
      }
    >
      <div ref={ref} className="stats-chart" style={{ height }} data-testid={`chart-${id}`} />
      {note && <div className="stats-note">{note}</div>}
      {savedPath && (
        <Typography.Text type="secondary" className="stats-saved" data-testid={`chart-saved-${id}`}>
          图片已保存到：{savedPath}
        </Typography.Text>
      )}
      <Collapse
        size="small"
        ghost
        className="stats-table-panel"
        defaultActiveKey={tableOpen ? ['table'] : []}
        items={[{ key: 'table', label: <span data-testid={`chart-table-toggle-${id}`}>数据表</span>, children: table }]}
      />
    </Card>
  );
}

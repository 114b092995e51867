/** Workbooks built with exceljs the way offices make them, and a ledger with a few of 上虞区's units. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { TempLedger } from '../../support/temp-ledger';

export const UNITS = [
  { name: '百官街道', shortName: '', kind: 'subdistrict' },
  { name: '曹娥街道', shortName: '', kind: 'subdistrict' },
  { name: '道墟镇', shortName: '', kind: 'township' },
  { name: '区发改局', shortName: '发改局', kind: 'department' },
  { name: '区财政局', shortName: '财政局', kind: 'department' },
  { name: '区住建局', shortName: '住建局', kind: 'department' },
  { name: '区经信局', shortName: '经信局', kind: 'department' },
] as const;

/** name → id */
export async function addUnits(ledger: TempLedger): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const u of UNITS) {
    const unit = await ledger.ok('units.create', { name: u.name, shortName: u.shortName, kind: u.kind });
    ids.set(u.name, unit.id);
  }
  return ids;
}

export async function save(workbook: ExcelJS.Workbook, dir: string, name: string): Promise<string> {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

/** The 细化分解表: two title rows, a two-row header with merged cells, a section row, mixed dates and problems. */
export function breakdownWorkbook(overrides: Partial<Record<number, unknown[]>> = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('说明').getCell('A1').value = '本表由区政府办公室编制。';
  const ws = wb.addWorksheet('细化分解表');
  ws.getCell('A1').value = '2016年政府工作报告目标任务细化分解表';
  ws.mergeCells('A1:J1');
  ws.getCell('A2').value = '填报单位：区政府办公室（督查室）';
  ws.mergeCells('A2:J2');
  const top = ['序号', '工作任务', '分管领导', '主要责任单位', '协同\n配合单位', '时间节点', '季度计划'];
  top.forEach((t, i) => (ws.getRow(3).getCell(i + 1).value = t));
  for (const col of ['A', 'B', 'C', 'D', 'E', 'F']) ws.mergeCells(`${col}3:${col}4`);
  ws.mergeCells('G3:J3');
  ['一季度', '二季度', '三季度', '四季度'].forEach((t, i) => (ws.getRow(4).getCell(7 + i).value = t));
  const rows: unknown[][] = [
    ['一、经济发展'], // row 5: a section, merged below
    [1, '完成有效投资480亿元', '金立明', '发改局', '区财政局，区住建局', '2016年12月底', '完成20%', '完成50%', '完成75%', '全面完成'], // 6
    [2, '推进百官、曹娥两街道老旧小区改造', '陈海燕', '百官街道 曹娥街道', '区财政局', new Date(Date.UTC(2016, 5, 30))], // 7
    [3, '出台促进服务业发展若干政策', '金立明', '区发改局', '', '6月30日前'], // 8
    [4, '深化“五水共治”', '陈海燕', '区住建局', '区发改局/区财政局', '长期坚持'], // 9
    [5, '完成政府投资项目审计全覆盖', '金立明', '区财政局', '', '年底前'], // 10
    [6, '推进“三改一拆”', '陈海燕', '区住建局', '', '三季度末'], // 11
    [7, '建成道墟镇污水管网', '陈海燕', '道墟镇人民政府', '区住建局', '2016/6/30'], // 12
    [8, '创建国家级旅游度假区', '金立明', '区旅游局', '区发改局', '2016-09-30'], // 13: unknown unit
    [8, '举办第二届旅游节', '金立明', '区发改局', '', '上半年'], // 14: duplicate 序号 8
    [9, '研究制定人才新政', '金立明', '区发改局', ''], // 15: no date
    [10, '开展农村环境综合整治', '陈海燕', '各乡镇（街道）', '区住建局', '一季度'], // 16: collective
    [],
  ];
  rows.forEach((values, i) => {
    const r = 5 + i;
    const v = overrides[r] ?? values;
    v.forEach((cell, c) => (ws.getRow(r).getCell(c + 1).value = cell as ExcelJS.CellValue));
  });
  ws.mergeCells('A5:J5');
  return wb;
}

/** The 民生实事 季度实施计划表: one header row, other header names, no 完成时限 column (the quarters give it). */
export function livelihoodWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('实施计划表');
  ws.addRow(['2016年度区政府十方面民生实事季度实施计划表']);
  ws.mergeCells('A1:I1');
  ws.addRow(['编号', '项目名称', '目标任务', '责任单位', '协办单位', '区领导', '一季度', '二季度', '三季度', '四季度']);
  ws.addRow(['1', '新建城市公厕', '新建、改建城市公厕30座', '区住建局', '百官街道、曹娥街道', '陈海燕', '选址', '开工10座', '—', '全部建成']);
  ws.addRow(['2', '农村饮用水提标', '完成5万人农村饮用水提标改造', '区发改局', '', '金立明', '', '完成60%', '', '']);
  return wb;
}

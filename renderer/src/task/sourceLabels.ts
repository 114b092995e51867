import type { TaskSource } from '../../../electron/contract';

/** What “来源依据” means for each source, with an example. */
const REF: Record<TaskSource, { label: string; placeholder: string; date: string }> = {
  work_report: { label: '分解表条目', placeholder: '例如：2016年政府工作报告目标任务细化分解表 第12项', date: '下达日期' },
  livelihood: { label: '实事类别', placeholder: '例如：十方面民生实事·教育优先', date: '下达日期' },
  meeting: { label: '会议名称', placeholder: '例如：区政府第12次常务会议', date: '会议日期' },
  project: { label: '项目计划', placeholder: '例如：2016年有效投资重点项目计划', date: '下达日期' },
  special: { label: '专项工作', placeholder: '例如：五水共治、三改一拆、招商选资“一号工程”', date: '部署日期' },
  instruction: { label: '批示领导/来源', placeholder: '例如：张区长批示；区长信箱来信', date: '批示日期' },
};

export const sourceRefLabel = (s: TaskSource) => REF[s].label;
export const sourceRefPlaceholder = (s: TaskSource) => REF[s].placeholder;
export const sourceDateLabel = (s: TaskSource) => REF[s].date;

/**
 * What every builder needs besides its request: the ledger, the settings filled once, today and the
 * working calendar (deadlines and overdue days are counted in working days), and how the issuing organ
 * names itself and its government in running text.
 */
import type { DocumentSettings } from '../../../contract/documents';
import type { WorkCalendar } from '../../calendar';
import { todayOf, type ServiceContext } from '../../context';
import { calendarOf, dueSoonWorkdaysOf } from '../../holidays';

/** The organ's words, derived from its full name, e.g. 绍兴市上虞区人民政府办公室. */
export interface OfficeWords {
  /** as the text names the issuer: 区政府办公室 */
  office: string;
  /** the government it acts for: 区政府 (经区政府同意) */
  government: string;
  /** where units send reports: 区政府办公室（督查科） */
  reportTo: string;
  /** the 主送 of a circular to every unit: 各乡镇人民政府、街道办事处，区直各部门和单位 */
  allUnits: string;
}

export interface DraftContext {
  ctx: ServiceContext;
  settings: DocumentSettings;
  today: string;
  calendar: WorkCalendar;
  dueSoonWorkdays: number;
  words: OfficeWords;
}

/**
 * 县/区/市人民政府办公室 is how the offices this app is for are named; the text then says 区政府办公室 and
 * 区政府 as their documents do. Any other organ is named in full.
 */
export function officeWordsOf(organName: string, department: string): OfficeWords {
  const m = /(区|县|市)人民政府办公室$/u.exec(organName);
  const level = m?.[1] ?? null;
  const office = level ? `${level}政府办公室` : organName;
  const government = level ? `${level}政府` : organName.replace(/办公(室|厅)$/u, '') || organName;
  const allUnits = level ? `各乡镇人民政府、街道办事处，${level}直各部门和单位` : '各有关单位';
  return { office, government, reportTo: department ? `${office}（${department}）` : office, allUnits };
}

export async function draftContextOf(ctx: ServiceContext, settings: DocumentSettings): Promise<DraftContext> {
  return {
    ctx,
    settings,
    today: todayOf(ctx),
    calendar: await calendarOf(ctx),
    dueSoonWorkdays: await dueSoonWorkdaysOf(ctx),
    words: officeWordsOf(settings.organName, settings.department),
  };
}

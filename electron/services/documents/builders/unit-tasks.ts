/**
 * Splitting a batch into one document per unit: each unit gets only the chosen tasks it is responsible
 * for (牵头 or 配合) and that the document is about. Units left with nothing are skipped; if every unit
 * is, the officer is told why, unit by unit.
 */
import type { TaskDetail, TaskUnitLink, Unit } from '../../../contract/types';
import { ServiceError } from '../../errors';
import { joinNamesCapped, plainTitle, quoted } from './chinese-text';

export interface UnitTasks {
  unit: Unit;
  items: Array<{ detail: TaskDetail; link: TaskUnitLink }>;
}

/** Why a task does not belong in the document (e.g. 已办结), or null when it does. */
export type TaskFilter = (detail: TaskDetail) => string | null;

export function tasksByUnit(units: readonly Unit[], details: readonly TaskDetail[], exclude: TaskFilter, documentLabel: string): UnitTasks[] {
  const groups: UnitTasks[] = [];
  const reasons: string[] = [];
  for (const unit of units) {
    const mine = details.flatMap((detail) => {
      const link = detail.units.find((l) => l.unitId === unit.id);
      return link ? [{ detail, link }] : [];
    });
    if (mine.length === 0) {
      reasons.push(`${unit.name}不是所选事项的责任单位`);
      continue;
    }
    const kept = mine.filter((item) => exclude(item.detail) === null);
    if (kept.length > 0) {
      groups.push({ unit, items: kept });
      continue;
    }
    const why = mine.map((item) => `${quoted(plainTitle(item.detail.task.title))}${exclude(item.detail) ?? ''}`);
    reasons.push(`${unit.name}承担的${joinNamesCapped(why, 3, '项')}`);
  }
  if (groups.length === 0) {
    throw new ServiceError('invalid_input', `没有可生成的${documentLabel}：${reasons.join('；')}。请重新选择单位或事项。`);
  }
  return groups;
}

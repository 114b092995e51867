/** How running text names the tasks of a source, as titles and bulletins write them (区政府工作报告目标任务 …). */
import type { TaskSource } from '../../../contract/vocabulary';
import type { OfficeWords } from './draft-context';

export function sourcePhrase(words: OfficeWords, source: TaskSource | null): string {
  const gov = words.government;
  switch (source) {
    case 'work_report':
      return `${gov}工作报告目标任务`;
    case 'livelihood':
      return `${gov}民生实事项目`;
    case 'meeting':
      return `${gov}重要会议决定事项`;
    case 'project':
      return '有效投资及重点项目';
    case 'special':
      return `${gov}重点工作专项督查事项`;
    case 'instruction':
      return '领导批示及信箱、网络反映事项';
    default:
      return `${gov}重点督查事项`;
  }
}

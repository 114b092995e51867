/** Document models for the layout tests: one official document with every element, one form. */
import type { FormDocument, OfficialDocument } from '../../../../electron/services/documents/model';

export const fullOfficial: OfficialDocument = {
  kind: 'official',
  copyNumber: '000036',
  secrecy: '机密★1年',
  urgency: '特急',
  organMark: { name: '上虞区人民政府办公室', withWenjian: true },
  number: '虞政办发〔2016〕36号',
  title: '上虞区人民政府办公室关于做好2016年区政府重点目标任务督查工作的通知',
  mainRecipients: '各乡镇人民政府、街道办事处，区直各部门和单位',
  body: [
    { kind: 'paragraph', text: '2016年是“十三五”规划的开局之年，也是本届政府的收官之年。' },
    { kind: 'heading', level: 1, text: '一、突出重点，督促重大决策和工作落到实处' },
    { kind: 'heading', level: 2, text: '（一）抓好《政府工作报告》目标任务的督促落实。' },
    { kind: 'heading', level: 3, text: '1.对照计划进度进行督促检查。' },
    { kind: 'heading', level: 4, text: '（1）每月通报一次。' },
    { kind: 'paragraph', text: '居中的段落', align: 'center' },
    {
      kind: 'table',
      columns: [
        { title: '承办单位', width: 1 },
        { title: '落实情况', width: 3 },
      ],
      rows: [
        ['百官街道', '按计划推进'],
        ['道墟镇', '进度滞后'],
      ],
    },
    { kind: 'pageBreak' },
    { kind: 'paragraph', text: '分页后的段落。' },
  ],
  attachmentNames: ['重点目标任务细化分解表', '落实情况汇总表'],
  signature: { organ: '上虞区人民政府办公室', date: '2016-03-02', withSeal: true },
  note: '此件公开发布',
  attachments: [
    { title: '重点目标任务细化分解表', blocks: [{ kind: 'paragraph', text: '附件正文。' }] },
    {
      title: '落实情况汇总表',
      landscape: true,
      blocks: [
        {
          kind: 'table',
          fontSize: 'small',
          columns: [
            { title: '承办单位', width: 2 },
            { title: '任务目标', width: 5 },
            { title: '落实情况', width: 3 },
          ],
          rows: [['百官街道', '完成年度目标', '已完成']],
        },
      ],
    },
  ],
  colophon: { cc: ['区委办公室', '区人大常委会办公室', '区政协办公室'], printer: '上虞区人民政府办公室', printDate: '2016-03-02' },
};

/** Only what every official document has. */
export const minimalOfficial: OfficialDocument = {
  kind: 'official',
  number: '虞政办发〔2016〕37号',
  title: '关于进一步加强督查工作的通知',
  mainRecipients: '各乡镇人民政府',
  body: [{ kind: 'paragraph', text: '现将有关事项通知如下。' }],
  signature: { organ: '上虞区人民政府办公室', date: '2016-12-25', withSeal: false },
};

export const supervisionForm: FormDocument = {
  kind: 'form',
  organ: '上虞区人民政府办公室',
  title: '督办单',
  numberLine: '编号：督〔2016〕12号',
  fields: [
    { label: '督办事项', value: '完成曹娥江综合整治一期工程', wide: true },
    { label: '牵头单位', value: '区水利局' },
    { label: '配合单位', value: '曹娥街道' },
    { label: '办理时限', value: '2016年7月31日' },
    { label: '签发', value: '', wide: true, minLines: 4 },
  ],
  footer: '区政府办公室督查科　2016年7月5日',
};

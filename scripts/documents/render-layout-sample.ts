/**
 * Renders full-featured samples of the GB/T 9704 layout engine to a folder, for looking at them:
 *
 *   npx tsx scripts/documents/render-layout-sample.ts [outDir=/tmp/layout-sample]
 *   ../shared/tools/docx-preview.sh /tmp/layout-sample/official.docx /tmp/layout-sample/preview
 *
 * The official sample is the 2016 notice the project started from (虞政办发〔2016〕36号), with every optional
 * element switched on: 份号, 密级, 紧急程度, a 附件说明, a portrait and a landscape attachment (a long table whose
 * header row must repeat), 附注 and 版记. A draft variant and a 督办单 form are written beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocx } from '../../electron/services/documents/layout';
import type { Block, FontMode, FormDocument, OfficialDocument } from '../../electron/services/documents/model';

const UNITS = ['百官街道', '曹娥街道', '东关街道', '道墟镇', '梁湖镇', '小越镇', '崧厦镇', '沥海镇', '长塘镇', '上浦镇', '汤浦镇', '章镇镇', '下管镇', '丰惠镇', '永和镇', '驿亭镇', '谢塘镇', '盖北镇', '岭南乡', '陈溪乡', '丁宅乡'];

const body: Block[] = [
  { kind: 'paragraph', text: '2016年是“十三五”规划的开局之年，也是本届政府的收官之年，做好区政府重大决策部署和重要目标任务的督促检查工作意义重大。经研究，现就进一步加强区政府重点目标任务督查工作有关事项通知如下：' },
  { kind: 'heading', level: 1, text: '一、突出重点，督促重大决策和工作落到实处' },
  { kind: 'heading', level: 2, text: '（一）抓好《政府工作报告》目标任务的督促落实。' },
  { kind: 'paragraph', text: '根据《2016年政府工作报告目标任务细化分解表》明确的171项工作内容，对照计划进度进行督促检查，确保各项工作有序推进、按时完成。各相关单位要研究制订落实方案，注重统筹协调，及时解决推进过程中遇到的困难和问题；区政府办公室将严格采取半年度督查通报制，对完成年度任务难度较大的项目，要加大督查通报频率，促进工作全面完成。' },
  { kind: 'heading', level: 2, text: '（二）抓好十方面民生实事的督促落实。' },
  { kind: 'paragraph', text: '根据《2016年度区政府十方面民生实事季度实施计划表》明确的55项工作内容，对照计划进度进行督促检查。相关单位要认真研究部署、强化责任、细化措施，特别是牵头单位要加强综合协调、指导督促，及时牵头化解推进过程中遇到的困难和问题；区政府办公室将严格进行月度督查、季度《上虞日报》等媒体公示、年终考评，对完成年度任务难度较大的项目，加大督查通报频率，确保十方面民生实事落实到位。' },
  { kind: 'heading', level: 2, text: '（三）抓好区政府重要会议决定事项的督促落实。' },
  { kind: 'paragraph', text: '区政府全体会议、常务会议、区长办公会议、现场办公会议、专题会议等确定的督查事项，区政府办公室根据工作职责，逐项明确责任单位，采取书面督办、电话催办、现场督办等形式进行督促落实。承办单位要严格按照会议要求，落实有效措施进行办理，并在规定期限内向区政府办公室反馈落实情况。' },
  { kind: 'heading', level: 2, text: '（四）抓好有效投资及重点项目的督促落实。' },
  { kind: 'paragraph', text: '由区政府办公室、监察局牵头，区发改局、经信局、服务业发展局等部门单位配合，认真做好有效投资和重点项目年度目标任务确定和季度进展情况督查。区发改局、经信局、服务业发展局要制定工作计划，并每季度向牵头单位报告项目进展情况，同时做好项目实施过程的服务保障、跟踪督查和难题协调，确保有效投资和重点项目按时按质按量完成。' },
  { kind: 'heading', level: 2, text: '（五）抓好区政府其它重点工作的督促落实。' },
  { kind: 'paragraph', text: '对区政府工作中的一些要事、急事、难事进行专项督查，特别是对区政府确定的招商选资“一号工程”、“改革深化年”、“城乡提质年”、“队伍建设年”、“八大行动”、“五水共治”、“三改一拆”、“两路两侧、四边三化”、一江两岸、特色小镇等重点工作，要丰富督查方法，加大督查、通报力度，对进度不理想的下发督查通知书，限期落实并实施跟踪督查，确保各项工作全面落实。' },
  { kind: 'heading', level: 2, text: '（六）抓好领导批示件及其他民生热点问题的督促落实。' },
  { kind: 'paragraph', text: '对上级及区政府领导的批示布置事项、区长信箱、重点网站反映的热点难点问题，区政府办公室从快、从实、从细进行转办、催办和反馈，加强跟踪问效，确保按期办结。承办单位要严格按照领导要求，指定专人办理，注重办结质量，并在规定时限内报告反馈办理情况。' },
  { kind: 'heading', level: 1, text: '二、完善制度，推进督查工作规范化运作。' },
  { kind: 'paragraph', text: '按照新常态对督查工作的新要求，进一步完善督查工作制度，使督查事项的立项、督查、反馈、通报形成流程管理，有力、有序、有效地推动各项决策部署的落实。' },
  { kind: 'heading', level: 2, text: '（一）严格报告反馈制度。' },
  { kind: 'paragraph', text: '乡镇（街道）和部门单位要积极配合开展各项督查活动，主动、及时向区政府办公室报告反馈督查事项进展情况；对确需延长办理时限的，及时报告原因和阶段性工作进展；对有特殊要求的督查事项和突发事件的处理情况，要特事特办、随办随报。对超出规定期限未办结也未说明原因的单位，区政府办公室按照有关要求发出催办通知，并在一定范围内予以通报。' },
  { kind: 'heading', level: 2, text: '（二）完善督查通报制度。' },
  { kind: 'paragraph', text: '区政府办公室负责督促检查各乡镇（街道）、部门单位贯彻落实区委区政府重大决策和重要工作的部署落实情况，并不断完善政务督查通报制度。一般的工作进展实行情况通报，内容要突出问题，措施有力；对工作进展快、质量高并提前完成任务的，给予通报表扬；对上级及区委区政府决策部署落实不力、情节严重的，进行批评通报，并在规定时间内作出情况说明。同时，对社会普遍关注的重点工作、重点项目进展情况，通过新闻媒体，适时进行报道，充分发挥社会舆论的监督、引导、促进作用。' },
  { kind: 'heading', level: 2, text: '（三）建立工作联系制度。' },
  { kind: 'paragraph', text: '要畅通全区政府系统督查工作联系渠道，加强沟通协调，形成自上而下快捷、高效的督查工作网络，实现督查工作的整体协调联动。区政府办公室加强与乡镇（街道）和部门单位的联系沟通，主动了解全区经济社会运行中的进展情况和存在问题，督促相关单位加强协调研究，细化分解任务，明确责任主体，提出解决方案，并及时抓好落实。' },
  { kind: 'heading', level: 1, text: '三、健全组织，加强督查工作领导' },
  { kind: 'heading', level: 2, text: '（一）加强组织领导。' },
  { kind: 'paragraph', text: '加强政务督查是从严治政、确保政令畅通的重要手段。各乡镇（街道）和部门单位要把督促检查工作列入重要议事日程，明确一位负责同志分管政务督查工作，办公室主任要加强对督查工作的统筹协调。单位“一把手”要切实担负起“第一责任人”的责任，把抓落实放到与抓决策同等重要的位置，及时研究解决督办落实中存在的困难和问题，为督查工作顺利开展创造良好环境。' },
  { kind: 'heading', level: 2, text: '（二）加强责任落实。' },
  { kind: 'paragraph', text: '进一步健全责任落实机制，将督查工作清单式管理，把目标任务分解到单位、落实到岗位、量化到个人，形成任务倒逼进度、督查倒逼落实的工作体系。主要责任单位要统筹协调，细化任务，加强与协同配合单位的沟通联系，加大工作协调力度；协同配合单位要主动配合，形成合力，共同促进工作落实。' },
  { kind: 'heading', level: 2, text: '（三）加强结果运用。' },
  { kind: 'paragraph', text: '结合效能监察和年度目标责任制考核，要加强政务督查结果运用。把各单位任务完成情况作为年度目标责任制考评的重要内容，年终严格奖惩兑现；被政务督查批评通报的相关单位，必须在规定时间内将整改情况报告区政府办公室，同时在年度工作目标责任制考核中按规定扣分。如在督促检查过程中发现重大决策部署落实中存在失职渎职、违纪违法等情形的，由纪检监察部门负责调查，严肃追责。' },];

const progressTable: Block = {
  kind: 'table',
  columns: [
    { title: '序号', width: 6 },
    { title: '承办单位', width: 12 },
    { title: '任务目标', width: 30 },
    { title: '分管领导', width: 11 },
    { title: '协办单位', width: 14 },
    { title: '落实情况', width: 30 },
  ],
  rows: Array.from({ length: 40 }, (_, i) => [
    String(i + 1),
    UNITS[i % UNITS.length]!,
    `完成2016年度第${i + 1}项重点目标任务，年底前形成阶段性成果并通过验收`,
    ['张建国', '李卫东', '王晓明'][i % 3]!,
    ['区发改局', '区财政局、区住建局', '区经信局'][i % 3]!,
    i % 4 === 0 ? '进度滞后：已完成前期调研，方案尚未报批，计划7月底前完成' : `按计划推进，已完成年度目标的${40 + i}%`,
  ]),
};

export const official: OfficialDocument = {
  kind: 'official',
  copyNumber: '000036',
  secrecy: '机密★1年',
  urgency: '特急',
  organMark: { name: '绍兴市上虞区人民政府办公室', withWenjian: true },
  number: '虞政办发〔2016〕36号',
  title: '绍兴市上虞区人民政府办公室关于做好2016年区政府重点目标任务督查工作的通知',
  mainRecipients: '各乡镇人民政府、街道办事处，区直各部门和单位',
  body,
  attachmentNames: ['2016年政府工作报告目标任务细化分解表', '2016年度区政府十方面民生实事季度实施计划表及重点目标任务落实情况汇总表'],
  signature: { organ: '绍兴市上虞区人民政府办公室', date: '2016-03-02', withSeal: true },
  note: '此件公开发布',
  attachments: [
    {
      title: '2016年政府工作报告目标任务细化分解表',
      blocks: [
        { kind: 'paragraph', text: '根据《2016年政府工作报告》，将171项目标任务逐项分解到责任单位，明确完成时限和分管领导。' },
        { kind: 'heading', level: 1, text: '一、经济发展目标' },
        { kind: 'paragraph', text: '地区生产总值增长7.5%，财政总收入增长6%，固定资产投资增长12%。' },
      ],
    },
    { title: '2016年度区政府重点目标任务落实情况汇总表', landscape: true, blocks: [progressTable] },
  ],
  colophon: {
    cc: ['区委各部门', '区人大常委会办公室', '区政协办公室', '区法院', '区检察院'],
    printer: '绍兴市上虞区人民政府办公室',
    printDate: '2016-03-02',
  },
};

export const draft: OfficialDocument = {
  ...official,
  copyNumber: undefined,
  secrecy: undefined,
  urgency: undefined,
  number: null,
  draft: true,
  organMark: { name: '上虞区人民政府办公室', withWenjian: false },
  title: '关于对道墟镇重点项目推进情况的督查通知',
  mainRecipients: '道墟镇人民政府',
  body: body.slice(0, 4),
  attachmentNames: undefined,
  attachments: undefined,
  note: undefined,
  signature: { organ: '上虞区人民政府办公室', date: '2016-07-05', withSeal: false },
  colophon: { cc: ['区委办公室'], printer: '上虞区人民政府办公室', printDate: '2016-07-05' },
};

export const form: FormDocument = {
  kind: 'form',
  organ: '上虞区人民政府办公室',
  title: '督 办 单',
  numberLine: '编号：督〔2016〕12号',
  fields: [
    { label: '督办事项', value: '2016年政府工作报告目标任务第12项：完成曹娥江综合整治一期工程', wide: true },
    { label: '事项来源', value: '政府工作报告目标任务' },
    { label: '督办方式', value: '书面督办' },
    { label: '牵头单位', value: '区水利局' },
    { label: '配合单位', value: '曹娥街道、区住建局' },
    { label: '办理时限', value: '2016年7月31日' },
    { label: '联系人', value: '王晓明 82123456' },
    { label: '督办内容', value: '对照计划进度，工程尚未完成征地拆迁，请于限期内落实并书面反馈进展情况及下步措施。', wide: true, minLines: 4 },
    { label: '反馈要求', value: '请于2016年7月31日前将落实情况书面报区政府办公室督查科（传真82123457）。', wide: true, minLines: 2 },
    { label: '领导批示', value: '', wide: true, minLines: 5 },
    { label: '办理结果', value: '', wide: true, minLines: 5 },
  ],
  footer: '区政府办公室督查科　2016年7月5日',
};

async function main() {
  const outDir = process.argv[2] ?? '/tmp/layout-sample';
  const fontMode: FontMode = process.argv[3] === 'plain' ? 'plain' : 'gb2312';
  mkdirSync(outDir, { recursive: true });
  for (const [name, model] of Object.entries({ official, draft, form })) {
    const file = path.join(outDir, `${name}.docx`);
    writeFileSync(file, await renderDocx(model, { fontMode }));
    console.log(file);
  }
}

await main();

/**
 * Demo content for a first run: the real units of 上虞区 (domain.md) with fictional contacts, and about
 * 110 believable supervision items in all six sources of the seed notice, placed around `today` so
 * that the ledger shows every status at once — some closed, some on track, some due within three
 * working days, some overdue, some behind their milestones.
 *
 * Pure data and a builder: no database. Units are referenced by name; the loader creates the units,
 * maps names to ids and feeds each task through the real services (tasks.create, setCompleted,
 * progress.add, actions.add). Deterministic for a given (today, seed).
 *
 * All people, phone numbers, companies and residential complexes are fictional.
 */
import { WorkCalendar, addCalendarDays, dayNumber, isoDate } from './calendar';
import { dueSoonCutoff, plannedPercentAt } from './status';
import type { ActionPurpose } from '../contract/workflow';
import {
  DEFAULT_RHYTHM,
  type ActionMethod,
  type Rhythm,
  type TaskSource,
  type TaskStatus,
  type TimeLimitUnit,
  type UnitKind,
  type UnitRole,
} from '../contract/vocabulary';

// ─── What the builder returns ──────────────────────────────────────────────────────────────────

/** A unit as `units.create` takes it. */
export interface DemoUnit {
  name: string;
  shortName: string;
  kind: UnitKind;
  leaderName: string;
  leaderPhone: string;
  directorName: string;
  directorPhone: string;
  liaisonName: string;
  liaisonPhone: string;
  sortOrder: number;
}

/** A task–unit link as `tasks.create` takes it, the unit given by name. */
export interface DemoTaskUnit {
  unitName: string;
  role: UnitRole;
  contactPerson: string;
  contactPhone: string;
}

export interface DemoMilestone {
  label: string;
  dueDate: string;
  plannedPercent: number;
  description: string;
}

/** A progress report as `progress.add` takes it, without the task and with the unit by name. */
export interface DemoProgressReport {
  unitName: string;
  period: string;
  reportDate: string;
  percent: number | null;
  stage: string;
  doneText: string;
  problems: string;
  nextSteps: string;
  noChange: boolean;
  reporter: string;
}

/** A supervision action as `actions.add` takes it, without the task and with the unit by name. */
export interface DemoAction {
  unitName: string | null;
  method: ActionMethod;
  actionDate: string;
  note: string;
  /** 催办 when the office chases an overdue item the unit has not explained (counted per unit) */
  purpose: ActionPurpose;
}

/**
 * The workflow around the tasks (seed 二, 三), by task index (into `tasks`) and unit name; every date on or
 * before `today`. Documents are drafted through the real builders on their signing day.
 */
export interface DemoWorkflow {
  /** a 督查通知书 to two units about their overdue items: one answered on time, the other still overdue */
  notice: { taskIndexes: [number, number]; unitNames: [string, string]; signedOn: string; deadline: string; answeredOn: string } | null;
  /** a 批评通报 whose 情况说明/整改报告 came after its deadline */
  criticism: { taskIndex: number; unitName: string; signedOn: string; deadline: string; receivedOn: string; facts: string } | null;
  /** the unit chased most, referred to 纪检监察 */
  referral: { taskIndex: number; unitName: string; referredOn: string; referredTo: string; reason: string } | null;
}

/**
 * A task: the `tasks.create` fields (units by name), then what happens to it later.
 * `dueDate` is always filled: for a task with a time limit it is what the built-in calendar computes
 * from `assignedDate` (the services recompute it the same way).
 */
export interface DemoTask {
  year: number;
  source: TaskSource;
  code: string;
  title: string;
  content: string;
  sourceRef: string;
  sourceDate: string;
  leader: string;
  assignedDate: string;
  timeLimitValue: number | null;
  timeLimitUnit: TimeLimitUnit | null;
  dueDate: string;
  rhythm: Rhythm;
  note: string;
  units: DemoTaskUnit[];
  milestones: DemoMilestone[];
  /** set through tasks.setCompleted after creation */
  completedOn: string | null;
  /** in date order; never after `today` */
  reports: DemoProgressReport[];
  /** in date order; never after `today` */
  actions: DemoAction[];
}

export interface DemoLedger {
  today: string;
  seed: number;
  units: DemoUnit[];
  tasks: DemoTask[];
  workflow: DemoWorkflow;
}

/** 虞政办发〔2016〕36号 was issued on 2016-03-02. */
export const DEFAULT_DEMO_SEED = 20160302;

/** The 临期 threshold the demo mix is planned against (the default setting). */
const DUE_SOON_WORKDAYS = 3;

// ─── Units of 上虞区 (domain.md) ───────────────────────────────────────────────────────────────

const SUBDISTRICTS = ['百官', '曹娥', '东关'];
const TOWNS = ['道墟', '梁湖', '小越', '崧厦', '沥海', '长塘', '上浦', '汤浦', '章镇', '下管', '丰惠', '永和', '驿亭', '谢塘', '盖北'];
const TOWNSHIPS = ['岭南', '陈溪', '丁宅'];
const DEPARTMENTS = [
  '发改局', '经信局', '服务业发展局', '监察局', '财政局', '教育体育局', '科技局', '公安分局', '民政局', '司法局',
  '人力社保局', '国土资源分局', '规划分局', '住建局', '交通运输局', '水利局', '农林局', '商务局', '文广新局', '卫计局',
  '环保分局', '审计局', '统计局', '市场监管局', '安监局', '旅游局', '综合行政执法局', '信访局', '法制办', '金融办',
];
const DEVELOPMENT_ZONE = '杭州湾上虞经济技术开发区管委会';

/** District leaders (fictional) and the departments each is in charge of (分管). */
const LEADERS: Array<{ name: string; title: string; departments: string[] }> = [
  { name: '周建平', title: '区长', departments: ['区监察局', '区审计局'] },
  {
    name: '金立明',
    title: '常务副区长',
    departments: ['区发改局', '区财政局', '区统计局', '区金融办', '区法制办', '区人力社保局', DEVELOPMENT_ZONE],
  },
  { name: '陈海燕', title: '副区长', departments: ['区教育体育局', '区卫计局', '区民政局', '区文广新局', '区旅游局'] },
  {
    name: '徐国良',
    title: '副区长',
    departments: ['区住建局', '区规划分局', '区国土资源分局', '区交通运输局', '区综合行政执法局', '区环保分局'],
  },
  { name: '俞晓东', title: '副区长', departments: ['区经信局', '区科技局', '区商务局', '区服务业发展局', '区市场监管局', '区安监局'] },
  { name: '沈建华', title: '副区长', departments: ['区农林局', '区水利局', '区公安分局', '区司法局', '区信访局'] },
];

const SURNAMES = [
  '王', '陈', '张', '金', '徐', '钱', '沈', '杜', '俞', '章', '顾', '丁', '孙', '朱', '何', '周', '谢', '袁', '马', '胡',
  '倪', '魏', '竺', '经', '范', '罗', '潘', '任', '赵', '吴', '夏', '邵', '黄', '刘', '杨', '李', '叶', '蒋', '冯', '鲁',
  '许', '宋', '贺', '阮', '茹', '单', '傅', '严',
];
const GIVEN_NAMES = [
  '建国', '海明', '国平', '伟忠', '志刚', '丽娟', '晓燕', '卫东', '军', '芳', '建明', '立新', '国强', '春华', '永林',
  '红梅', '明华', '少华', '伟', '丹', '建芳', '雪峰', '一鸣', '佳琪', '俊杰', '亚萍', '利军', '金水', '林峰', '秀英',
  '永刚', '文华', '旭东', '杰', '颖', '浩', '敏', '伟民', '建良', '炳荣', '荣华', '雅琴', '燕飞', '丽萍', '宏伟', '志远',
  '国君', '立峰', '慧', '静', '磊', '琳', '斌', '勇', '江涛', '建锋', '益民', '关林', '柏松', '月娟', '晓红', '丽君',
  '卫星', '学军', '佳伟', '鑫', '婷', '晨', '思远', '梦琪', '宇航', '剑', '小平', '美华', '建新',
];
const MOBILE_PREFIXES = ['138', '139', '137', '135', '136', '158', '159', '187', '189', '133', '150', '152'];

// ─── Task templates ────────────────────────────────────────────────────────────────────────────

interface Measure {
  name: string;
  target: number;
  unit: string;
}

/** An item of a yearly programme: 政府工作报告, 民生实事, 重点项目. */
interface AnnualTemplate {
  title: string;
  lead: string;
  assists: string[];
  /** what the unit works on, used in progress reports */
  doing: string;
  /** the typical difficulty, used in progress reports */
  problem: string;
  measure?: Measure;
  /** preferred deadline (MM-DD) when the item is not a whole-year one */
  due?: string;
  /** 民生实事: the area (1–10) */
  area?: number;
  /** 重点项目: what is built */
  scope?: string;
}

type MeetingKind = 'standing' | 'mayor' | 'topic' | 'onsite';

/** An item with a time limit: 会议决定事项, 专项督查, 领导批示及信箱. */
interface DeadlineTemplate {
  title: string;
  lead: string;
  assists: string[];
  /** what was decided / found / asked */
  content: string;
  limits: Array<[number, TimeLimitUnit]>;
  doing: string;
  done: string;
  problem: string;
  /** 会议决定事项: the kinds of meeting that could have decided it, and its topic or site */
  meetings?: MeetingKind[];
  topic?: string;
  /** 专项督查: the campaign */
  campaign?: string;
  /** 领导批示及信箱: the channel, the document and the instruction */
  channel?: '批示' | '信箱' | '网帖';
  doc?: string;
  quote?: string;
  /** who gave the instruction: index into LEADERS, or -1 for a city leader */
  by?: number;
}

const WORK_REPORT: AnnualTemplate[] = [
  { title: '完成有效投资480亿元', lead: '区发改局', assists: ['区经信局', '区服务业发展局', '区统计局'], measure: { name: '有效投资', target: 480, unit: '亿元' }, doing: '建立重大项目月度推进例会制度，重点项目开工率、投资完成率按月排名通报', problem: '部分产业项目受市场影响投资意愿下降，民间投资增速回落。' },
  { title: '新建改建农村公路60公里', lead: '区交通运输局', assists: ['区财政局', '区国土资源分局', '区农林局'], measure: { name: '农村公路新建改建', target: 60, unit: '公里' }, doing: '完成施工图设计审查和招投标，各标段同步推进路基和路面施工', problem: '个别路段涉及农田和房屋政策处理，进场施工时间推迟。' },
  { title: '规模以上工业增加值增长7.5%', lead: '区经信局', assists: ['区统计局', '区发改局'], doing: '开展“百名干部联百企”走访服务，重点企业生产经营情况按月监测', problem: '传统产业订单不足，部分企业开工率偏低。' },
  { title: '服务业增加值占生产总值比重提高1.5个百分点', lead: '区服务业发展局', assists: ['区统计局', '区商务局', '区旅游局'], doing: '推进服务业集聚区建设，加快新增限额以上服务业企业入库', problem: '新兴服务业规模偏小，统计入库工作需加快。' },
  { title: '引进市外内资50亿元', lead: '区商务局', assists: [DEVELOPMENT_ZONE, '区经信局'], measure: { name: '引进市外内资', target: 50, unit: '亿元' }, doing: '开展长三角、珠三角专题招商活动，签约项目实行“一项目一专班”跟踪', problem: '大项目签约后落地周期较长，资金到位进度不一。' },
  { title: '完成“三改”面积220万平方米', lead: '区住建局', assists: ['区国土资源分局', '区规划分局', '区综合行政执法局'], measure: { name: '“三改”面积', target: 220, unit: '万平方米' }, doing: '旧住宅区、旧厂区、城中村改造项目实行清单化管理，逐项明确责任乡镇（街道）', problem: '城中村改造安置房源不足，群众签约进度不平衡。' },
  { title: '拆除违法建筑120万平方米', lead: '区综合行政执法局', assists: ['区国土资源分局', '区规划分局'], measure: { name: '拆除违法建筑', target: 120, unit: '万平方米' }, doing: '按照“属地管理、分类处置”原则开展存量违建集中拆除行动，拆后土地同步利用', problem: '部分违建涉及企业生产用房，拆除后安置和补偿协调难度大。' },
  { title: '新增城镇就业1.2万人', lead: '区人力社保局', assists: ['区财政局', '区经信局'], measure: { name: '新增城镇就业', target: 12000, unit: '人' }, doing: '举办“春风行动”等招聘会，落实就业创业补贴政策', problem: '企业用工结构性矛盾突出，高技能人才缺口较大。' },
  { title: '研究与试验发展经费支出占生产总值比重达到2.6%', lead: '区科技局', assists: ['区统计局', '区财政局', '区经信局'], doing: '落实企业研发费用加计扣除政策，指导企业建立研发准备金制度', problem: '部分企业研发投入统计归集不规范，数据上报存在遗漏。' },
  { title: '新增国家高新技术企业30家', lead: '区科技局', assists: ['区经信局', '区财政局'], measure: { name: '国家高新技术企业认定', target: 30, unit: '家' }, doing: '建立高新技术企业培育库，组织申报辅导和材料预审', problem: '后备培育企业知识产权数量不足，申报条件有待完善。' },
  { title: '完成平原绿化和彩色森林建设1.5万亩', lead: '区农林局', assists: ['区国土资源分局', '区财政局'], measure: { name: '造林绿化', target: 15000, unit: '亩' }, doing: '落实造林地块和苗木采购，分乡镇下达任务清单', problem: '部分地块流转未到位，新植苗木管护需加强。' },
  { title: '完成农村生活污水治理提标改造50个村', lead: '区住建局', assists: ['区环保分局', '区水利局', '区财政局'], measure: { name: '农村生活污水治理提标改造', target: 50, unit: '个村' }, doing: '完成设计招标，分批次进场施工，同步建立运维管理制度', problem: '部分村管网施工与道路改造交叉，需统筹协调。' },
  { title: '全面完成城区黑臭河整治', lead: '区水利局', assists: ['区环保分局', '区住建局', '百官街道'], doing: '实施截污纳管、河道清淤和生态修复，落实河长日常巡查', problem: '沿河排污口整治涉及老旧小区雨污分流，工程量较大。' },
  { title: '城区PM2.5平均浓度下降5%', lead: '区环保分局', assists: ['区经信局', '区住建局', '区交通运输局'], doing: '开展燃煤锅炉淘汰改造、高排放车辆淘汰和建筑工地扬尘整治', problem: '秋冬季不利气象条件下污染物易累积，空气质量波动较大。' },
  { title: '新增上市公司2家、新三板挂牌企业10家', lead: '区金融办', assists: ['区经信局', '区财政局'], measure: { name: '新三板挂牌', target: 10, unit: '家' }, doing: '建立拟上市企业梯队，对重点企业实行“一企一策”服务', problem: '部分企业股改进度较慢，历史遗留问题需协调解决。' },
  { title: '财政总收入增长6%', lead: '区财政局', assists: ['区统计局', '区审计局'], doing: '加强收入征管和重点税源监控，压减一般性支出', problem: '受减税降费政策影响，部分税种收入增速放缓。' },
  { title: '盘活存量建设用地3000亩', lead: '区国土资源分局', assists: ['区规划分局', '区经信局', DEVELOPMENT_ZONE], measure: { name: '盘活存量建设用地', target: 3000, unit: '亩' }, doing: '开展批而未供和闲置土地专项清理，逐宗制定处置方案', problem: '部分闲置土地涉及司法查封，处置程序复杂。' },
  { title: '完成区级部门权力清单和责任清单动态调整', lead: '区法制办', assists: ['区监察局', '区财政局'], due: '06-30', doing: '组织各部门对照法律法规立改废情况逐项梳理，完成合法性审查', problem: '个别部门梳理不够细致，需多轮审核修改。' },
  { title: '新辟优化城乡公交线路10条', lead: '区交通运输局', assists: ['区公安分局', '区财政局'], measure: { name: '公交线路新辟优化', target: 10, unit: '条' }, doing: '完成线路客流调查和方案论证，分批开通运营', problem: '部分镇村道路等级偏低，大型公交车辆通行受限。' },
  { title: '新建改扩建中小学、幼儿园8所', lead: '区教育体育局', assists: ['区财政局', '区住建局', '区国土资源分局'], due: '08-31', measure: { name: '中小学、幼儿园新建改扩建', target: 8, unit: '所' }, doing: '项目实行周例会制度，确保秋季开学前具备使用条件', problem: '个别项目用地红线调整，施工许可办理滞后。' },
  { title: '深化公立医院综合改革，家庭医生签约服务覆盖率达到30%', lead: '区卫计局', assists: ['区人力社保局', '区财政局'], doing: '推进家庭医生签约服务，组建区域医疗联合体', problem: '基层全科医生数量不足，签约服务质量有待提升。' },
  { title: '新建居家养老服务照料中心40家', lead: '区民政局', assists: ['区财政局', '区卫计局'], measure: { name: '居家养老服务照料中心新建', target: 40, unit: '家' }, doing: '分乡镇（街道）落实建设选址，同步引入社会组织运营', problem: '部分村（社区）用房紧张，选址需调整。' },
  { title: '实现生产安全事故起数和死亡人数“双下降”', lead: '区安监局', assists: ['区公安分局', '区市场监管局', '区住建局'], doing: '开展危险化学品、建筑施工、消防等重点领域隐患排查治理', problem: '小微企业安全管理基础薄弱，隐患反复出现。' },
  { title: '完成食品安全监督抽检3000批次', lead: '区市场监管局', assists: ['区农林局', '区卫计局'], measure: { name: '食品安全监督抽检', target: 3000, unit: '批次' }, doing: '按季度制定抽检计划，重点抽检农贸市场和学校食堂', problem: '检测机构承检能力有限，部分批次结果反馈周期较长。' },
  { title: '旅游总收入增长12%', lead: '区旅游局', assists: ['区文广新局', '区服务业发展局'], doing: '推进覆卮山、东山等景区提升，举办乡村旅游节庆活动', problem: '旅游项目投资主体单一，配套设施建设滞后。' },
  { title: '新建农村文化礼堂20家', lead: '区文广新局', assists: ['区财政局', '区农林局'], measure: { name: '农村文化礼堂新建', target: 20, unit: '家' }, doing: '落实建设村名单和补助资金，开展“礼堂文化”常态化活动', problem: '个别村建设资金自筹困难，进度不一。' },
  { title: '建成市级以上民主法治村（社区）10个', lead: '区司法局', assists: ['区民政局', '区信访局'], measure: { name: '民主法治村（社区）创建', target: 10, unit: '个' }, doing: '深入开展法治宣传，指导创建村完善村规民约和法律顾问制度', problem: '村级法治宣传阵地建设标准不一。' },
  { title: '初信初访一次性化解率达到90%以上', lead: '区信访局', assists: ['区司法局', '区公安分局'], doing: '落实领导干部接访下访制度，开展信访积案化解攻坚', problem: '个别涉及征迁补偿的信访事项诉求复杂，化解难度较大。' },
  { title: '完成百官街道城中村改造签约1200户', lead: '百官街道', assists: ['区住建局', '区国土资源分局'], due: '10-31', measure: { name: '城中村改造签约', target: 1200, unit: '户' }, doing: '组建征迁工作组入户宣传，实行阳光征迁', problem: '少数户对补偿标准有异议，签约进度放缓。' },
  { title: '完成政府投资项目审计全覆盖', lead: '区审计局', assists: ['区财政局', '区发改局'], doing: '对竣工决算项目开展审计，建立审计整改跟踪台账', problem: '部分项目竣工资料报送不及时，影响审计进度。' },
];

const LIVELIHOOD_AREAS = ['', '教育事业', '医疗卫生', '社会保障', '交通出行', '饮水治水', '住房安居', '食品安全', '文化体育', '就业创业', '平安便民'];

const LIVELIHOOD: AnnualTemplate[] = [
  { area: 1, title: '新建改扩建幼儿园5所', lead: '区教育体育局', assists: ['区住建局', '区财政局'], measure: { name: '幼儿园新建改扩建', target: 5, unit: '所' }, doing: '完成选址和设计，主体工程同步施工', problem: '个别项目周边道路配套滞后。' },
  { area: 1, title: '完成30所中小学校园安全技防设施提升', lead: '区教育体育局', assists: ['区公安分局'], measure: { name: '校园技防设施提升', target: 30, unit: '所' }, doing: '统一采购视频监控和一键报警设备，分批安装调试', problem: '部分农村学校网络条件差，联网调试进度慢。' },
  { area: 2, title: '为65周岁以上老年人免费健康体检5万人', lead: '区卫计局', assists: ['区民政局'], measure: { name: '老年人免费健康体检', target: 50000, unit: '人' }, doing: '各乡镇（街道）卫生院分片组织体检，建立电子健康档案', problem: '山区乡镇老人居住分散，组织体检难度较大。' },
  { area: 2, title: '完成20个社区卫生服务站标准化建设', lead: '区卫计局', assists: ['区财政局'], measure: { name: '社区卫生服务站标准化建设', target: 20, unit: '个' }, doing: '按统一标准完成用房改造和设备配置', problem: '个别站点用房面积不达标，需重新选址。' },
  { area: 3, title: '新增养老机构床位500张', lead: '区民政局', assists: ['区财政局'], measure: { name: '新增养老床位', target: 500, unit: '张' }, doing: '推进公办养老机构扩建和民办养老机构建设', problem: '民办养老机构投资回报周期长，社会资本参与积极性不高。' },
  { area: 3, title: '困难群众医疗救助“一站式”结算1.5万人次', lead: '区民政局', assists: ['区人力社保局', '区卫计局'], measure: { name: '医疗救助“一站式”结算', target: 15000, unit: '人次' }, doing: '打通医保与医疗救助信息系统，在定点医院开设结算窗口', problem: '部分外地就医票据需手工审核，结算周期较长。' },
  { area: 4, title: '新增公共自行车服务点50个、自行车1500辆', lead: '区交通运输局', assists: ['区住建局', '区综合行政执法局'], measure: { name: '公共自行车服务点', target: 50, unit: '个' }, doing: '完成站点选址公示，分批建设并投入运营', problem: '部分站点选址与地下管线冲突，需调整位置。' },
  { area: 4, title: '新增城区公共停车泊位1000个', lead: '区综合行政执法局', assists: ['区公安分局', '区住建局'], measure: { name: '新增公共停车泊位', target: 1000, unit: '个' }, doing: '利用边角地、闲置地建设临时停车场，规范道路停车泊位施划', problem: '老城区可利用地块少，泊位增量有限。' },
  { area: 5, title: '完成农村饮用水提标改造，受益人口3万人', lead: '区水利局', assists: ['区卫计局', '区财政局'], measure: { name: '农村饮用水提标改造受益人口', target: 30000, unit: '人' }, doing: '实施城乡供水管网延伸和单村水站改造', problem: '山区管网铺设施工条件差，工期较长。' },
  { area: 5, title: '新建改建城乡公共厕所30座', lead: '区综合行政执法局', assists: ['区住建局', '区农林局'], measure: { name: '公共厕所新建改建', target: 30, unit: '座' }, doing: '统一设计标准，分乡镇（街道）组织建设', problem: '个别选址周边群众有异议，需做好沟通。' },
  { area: 6, title: '完成城镇危旧房治理改造500户', lead: '区住建局', assists: ['百官街道', '曹娥街道'], measure: { name: '城镇危旧房治理改造', target: 500, unit: '户' }, doing: '完成危旧房鉴定，分类实施加固维修和拆除重建', problem: '部分产权人意见不统一，改造方式难以确定。' },
  { area: 6, title: '完成老旧小区综合改造10个', lead: '区住建局', assists: ['百官街道', '东关街道'], measure: { name: '老旧小区综合改造', target: 10, unit: '个' }, doing: '实施屋面防水、管网改造和环境整治，同步完善物业管理', problem: '施工期间居民出行和停车矛盾突出。' },
  { area: 7, title: '完成10家农贸市场改造提升', lead: '区市场监管局', assists: ['区商务局', '区综合行政执法局'], measure: { name: '农贸市场改造提升', target: 10, unit: '家' }, doing: '按星级标准改造市场设施，建立快检室和信息公示屏', problem: '改造期间临时过渡市场场地难以落实。' },
  { area: 7, title: '建成学校食堂“阳光厨房”100家', lead: '区市场监管局', assists: ['区教育体育局'], measure: { name: '“阳光厨房”建成', target: 100, unit: '家' }, doing: '在学校食堂安装视频监控并接入监管平台', problem: '部分学校食堂布局不合理，需同步改造。' },
  { area: 8, title: '开展送戏下乡300场', lead: '区文广新局', assists: ['区财政局'], measure: { name: '送戏下乡', target: 300, unit: '场' }, doing: '与越剧团和民间剧团签订演出协议，按村排定演出计划', problem: '夏季高温和雨天影响露天演出安排。' },
  { area: 8, title: '新建百姓健身房和健身步道20处', lead: '区教育体育局', assists: ['区住建局'], measure: { name: '百姓健身房和健身步道', target: 20, unit: '处' }, doing: '落实建设点位和器材采购，同步制定开放管理办法', problem: '个别点位用地性质需调整。' },
  { area: 9, title: '开展城乡劳动力职业技能培训1万人次', lead: '区人力社保局', assists: ['区农林局'], measure: { name: '职业技能培训', target: 10000, unit: '人次' }, doing: '依托职业院校和企业开展订单式培训', problem: '农村劳动力参训时间难以集中。' },
  { area: 9, title: '扶持大学生和农村青年创业1000人', lead: '区人力社保局', assists: ['区财政局', '区金融办'], measure: { name: '扶持创业', target: 1000, unit: '人' }, doing: '落实创业担保贷款和场地租金补贴，举办创业大赛', problem: '创业项目同质化，带动就业能力偏弱。' },
  { area: 10, title: '新建高清视频监控点位500个', lead: '区公安分局', assists: ['区财政局', '区综合行政执法局'], measure: { name: '高清视频监控点位', target: 500, unit: '个' }, doing: '完成点位勘察和设备招标，分片区安装联网', problem: '部分点位供电和光纤接入需协调。' },
  { area: 10, title: '建成农村电子商务服务站100个', lead: '区商务局', assists: ['区农林局'], measure: { name: '农村电子商务服务站', target: 100, unit: '个' }, doing: '依托村便民服务中心和超市设立服务站，开展业务培训', problem: '部分站点业务量小，持续运营存在困难。' },
];

const PROJECTS: AnnualTemplate[] = [
  { title: '曹娥江一江两岸景观带（二期）工程', lead: '区发改局', assists: ['曹娥街道', '区住建局', '区监察局'], scope: '建设滨江绿道、亲水平台和景观节点约5.2公里', measure: { name: '投资', target: 3.2, unit: '亿元' }, doing: '滨江绿道和亲水平台主体施工，景观节点同步推进', problem: '沿江段涉及防洪堤加固，需同步办理涉水审批。' },
  { title: '区人民医院迁建工程', lead: '区发改局', assists: ['区卫计局', '区监察局'], scope: '新建门诊医技楼、病房楼，设置床位1000张', measure: { name: '投资', target: 4.5, unit: '亿元' }, doing: '门诊医技楼主体结构施工，病房楼进入砌体施工', problem: '医疗专项设备采购方案尚需论证，影响装修设计深化。' },
  { title: '329国道上虞段改建工程', lead: '区发改局', assists: ['区交通运输局', '区国土资源分局'], scope: '按一级公路标准改建，全长约18公里', measure: { name: '投资', target: 2.8, unit: '亿元' }, doing: '路基工程和桥梁下部结构同步施工', problem: '沿线电力和通信杆线迁移进度滞后。' },
  { title: '开发区污水处理厂提标改造工程', lead: '区发改局', assists: [DEVELOPMENT_ZONE, '区环保分局'], scope: '日处理规模10万吨，出水达到一级A标准', measure: { name: '投资', target: 1.6, unit: '亿元' }, doing: '深度处理单元土建施工，设备采购完成招标', problem: '不停产改造施工组织难度大。' },
  { title: '城东九年一贯制学校新建工程', lead: '区发改局', assists: ['区教育体育局', '区住建局'], scope: '规划54个班，总建筑面积约5.6万平方米', measure: { name: '投资', target: 1.2, unit: '亿元' }, doing: '教学楼主体结顶，风雨操场基础施工', problem: '地块内原有管线迁改延误工期。' },
  { title: '年产5万吨高性能树脂项目', lead: '区经信局', assists: [DEVELOPMENT_ZONE, '区环保分局'], scope: '新建生产车间、仓储及配套设施，引进连续化生产线', measure: { name: '投资', target: 6.0, unit: '亿元' }, doing: '生产车间主体施工，主要设备完成订货', problem: '环评批复前置条件较多，部分设备进场时间推迟。' },
  { title: '崧厦伞业智能制造产业园', lead: '区经信局', assists: ['崧厦镇', '区国土资源分局'], scope: '建设标准厂房12万平方米，引导伞业企业集聚发展', measure: { name: '投资', target: 2.5, unit: '亿元' }, doing: '一期标准厂房主体施工，入园企业招引同步开展', problem: '部分入园企业技改资金筹措困难。' },
  { title: '光电产业园二期标准厂房', lead: '区经信局', assists: ['驿亭镇'], scope: '建设标准厂房8万平方米及配套研发楼', measure: { name: '投资', target: 1.8, unit: '亿元' }, doing: '厂房桩基完成，主体结构施工', problem: '施工用地内部分农户青苗补偿未完成。' },
  { title: '汽车零部件智能化技术改造项目', lead: '区经信局', assists: ['道墟镇'], scope: '引进自动化冲压和焊接生产线，建设数字化车间', measure: { name: '投资', target: 3.0, unit: '亿元' }, doing: '设备采购合同签订，部分生产线安装调试', problem: '进口设备到货周期延长。' },
  { title: 'e游小镇核心区建设', lead: '区服务业发展局', assists: ['曹娥街道', '区规划分局'], scope: '建设游戏产业孵化楼、展示中心和人才公寓', measure: { name: '投资', target: 5.0, unit: '亿元' }, doing: '孵化楼主体施工，展示中心完成方案设计', problem: '入驻企业招引与载体建设进度不匹配。' },
  { title: '覆卮山旅游度假区提升工程', lead: '区服务业发展局', assists: ['岭南乡', '区旅游局'], scope: '提升游客中心、游步道和停车场，建设民宿集聚区', measure: { name: '投资', target: 1.0, unit: '亿元' }, doing: '游客中心装修，游步道和停车场施工', problem: '山区施工受天气影响较大，材料运输成本高。' },
  { title: '城北商贸物流中心', lead: '区服务业发展局', assists: ['区商务局', '百官街道'], scope: '建设仓储物流、城市配送和电商运营中心', measure: { name: '投资', target: 2.2, unit: '亿元' }, doing: '仓储区主体施工，运营主体招商洽谈', problem: '物流用地指标不足，二期用地尚未落实。' },
];

const MEETINGS: DeadlineTemplate[] = [
  { title: '制定曹娥江一江两岸景观带二期征迁补偿方案', lead: '曹娥街道', assists: ['区国土资源分局', '区住建局', '区财政局'], content: '加快曹娥江一江两岸景观带二期征迁工作，由曹娥街道牵头制定征迁补偿方案', limits: [[10, 'workday'], [15, 'workday']], meetings: ['standing', 'onsite'], topic: '曹娥江一江两岸景观带（二期）', doing: '已完成征迁范围内房屋测绘，补偿方案初稿正在征求相关部门意见', done: '征迁补偿方案已报区政府审定，并发布征迁公告', problem: '部分沿江商铺对过渡期补偿有异议。' },
  { title: '落实e游小镇建设用地指标', lead: '区国土资源分局', assists: ['区规划分局', '曹娥街道'], content: '优先保障特色小镇建设用地，由区国土资源分局落实e游小镇年度新增建设用地指标', limits: [[15, 'workday'], [30, 'day']], meetings: ['standing', 'topic'], topic: '特色小镇建设', doing: '已梳理小镇范围内存量用地，新增用地指标正在向上争取', done: '已落实新增建设用地指标120亩，并完成用地报批', problem: '年度新增用地计划总量偏紧。' },
  { title: '提出城区停车难问题综合整治方案', lead: '区公安分局', assists: ['区住建局', '区综合行政执法局'], content: '针对城区停车难、乱停车问题，由区公安分局牵头提出综合整治方案', limits: [[10, 'workday'], [20, 'workday']], meetings: ['mayor', 'topic'], topic: '城区停车难问题', doing: '已完成城区主要道路和小区周边停车现状调查', done: '综合整治方案已形成，新增临时停车泊位并开展违停集中整治', problem: '老城区停车资源供给不足，短期难以根本解决。' },
  { title: '完成区人民医院迁建项目可研调整报批', lead: '区卫计局', assists: ['区发改局'], content: '根据床位规模调整情况，由区卫计局完成区人民医院迁建项目可行性研究报告调整并报批', limits: [[20, 'workday'], [30, 'day']], meetings: ['standing', 'mayor'], doing: '可研调整报告已编制完成，正在组织专家评审', done: '可研调整报告已获批复', problem: '投资估算调整需补充论证。' },
  { title: '拟定区级财政专项资金清理整合方案', lead: '区财政局', assists: ['区审计局'], content: '对区级财政专项资金进行全面清理，由区财政局拟定整合方案', limits: [[15, 'workday']], meetings: ['standing'], doing: '已完成各部门专项资金清单汇总，正在分类提出整合意见', done: '专项资金整合方案已经区政府常务会议审议通过', problem: '个别部门对资金整合存在顾虑。' },
  { title: '制定“两链”风险企业帮扶化解方案', lead: '区金融办', assists: ['区经信局', '区公安分局'], content: '对资金链、担保链风险企业逐一摸排，由区金融办牵头制定“一企一策”帮扶化解方案', limits: [[5, 'workday'], [10, 'workday']], meetings: ['mayor', 'topic'], topic: '企业“两链”风险化解', doing: '已摸排风险企业23家，正在会同银行机构逐户制定化解措施', done: '帮扶化解方案已印发，重点企业实行银行联合会商', problem: '个别企业担保圈关系复杂，化解周期长。' },
  { title: '梳理城中村改造遗留问题并提出处理意见', lead: '百官街道', assists: ['区住建局', '区信访局'], content: '对城中村改造中历年遗留的安置、补偿问题逐户梳理，由百官街道提出处理意见', limits: [[10, 'workday']], meetings: ['onsite'], topic: '百官街道城中村改造', doing: '已逐户梳理遗留问题46件，形成分类处理清单', done: '遗留问题处理意见已报区政府，已化解31件', problem: '部分问题涉及历史政策口径不一致。' },
  { title: '落实杭甬运河上虞段航道整治政策处理', lead: '区交通运输局', assists: ['东关街道', '曹娥街道', '区国土资源分局'], content: '加快杭甬运河上虞段航道整治，由区交通运输局牵头、沿线街道配合完成政策处理', limits: [[20, 'workday'], [30, 'day']], meetings: ['onsite', 'standing'], topic: '杭甬运河上虞段', doing: '沿线涉及的企业和农户已完成丈量评估，正在签订协议', done: '政策处理全部完成，施工单位已进场', problem: '个别企业搬迁补偿分歧较大。' },
  { title: '开展全区住房建筑安全隐患排查并建立台账', lead: '区住建局', assists: ['区安监局'], content: '在全区范围开展住房建筑安全隐患排查，由区住建局建立隐患台账并督促整改', limits: [[15, 'workday']], meetings: ['standing'], doing: '已完成城区排查，乡镇排查正在进行', done: '排查工作全部完成，建立隐患台账并落实整改责任人', problem: '农村自建房数量多，专业鉴定力量不足。' },
  { title: '检查汛期防汛防台物资储备情况', lead: '区水利局', assists: ['区民政局', '区安监局'], content: '主汛期前对全区防汛防台物资储备开展全面检查，由区水利局牵头', limits: [[5, 'workday'], [7, 'workday']], meetings: ['topic'], topic: '防汛防台工作', doing: '已完成区级物资仓库检查，乡镇仓库检查正在进行', done: '检查全部完成，对短缺物资已补充到位', problem: '部分乡镇物资储备品种不全。' },
  { title: '制定中小学校车安全管理实施办法', lead: '区教育体育局', assists: ['区公安分局', '区交通运输局'], content: '规范校车运营管理，由区教育体育局牵头制定校车安全管理实施办法', limits: [[20, 'workday'], [30, 'day']], meetings: ['mayor', 'standing'], doing: '实施办法征求意见稿已形成，正在征求学校和家长意见', done: '实施办法已印发施行', problem: '农村学校校车运营成本较高。' },
  { title: '研究上浦镇石料矿关停后续处置', lead: '上浦镇', assists: ['区国土资源分局', '区环保分局', '区安监局'], content: '对上浦镇已关停石料矿的矿山复绿和职工安置，由上浦镇提出处置方案', limits: [[15, 'workday']], meetings: ['onsite'], topic: '上浦镇', doing: '矿山复绿方案已委托设计，职工安置正在对接', done: '处置方案已确定，矿山复绿工程已启动', problem: '复绿资金缺口较大。' },
  { title: '提出“三改一拆”拆后土地利用方案', lead: '区国土资源分局', assists: ['区农林局', '区规划分局'], content: '对“三改一拆”拆后土地分类提出利用方案，做到拆后即用', limits: [[10, 'workday'], [20, 'workday']], meetings: ['topic'], topic: '“三改一拆”工作', doing: '已汇总拆后土地地块清单，正在分类研究利用方向', done: '拆后土地利用方案已印发，复耕复绿和建设利用同步推进', problem: '部分地块零星分散，难以集中利用。' },
  { title: '修订农村公路养护管理考核办法', lead: '区交通运输局', assists: ['区财政局'], content: '完善农村公路养护管理机制，由区交通运输局修订考核办法', limits: [[20, 'workday']], meetings: ['mayor'], doing: '考核办法修订稿已完成，正在征求乡镇意见', done: '考核办法已修订印发', problem: '乡镇养护资金配套能力不一。' },
  { title: '落实盖北镇葡萄产业园区基础设施建设资金', lead: '盖北镇', assists: ['区农林局', '区财政局'], content: '支持盖北葡萄产业提升，由盖北镇会同区农林局、区财政局落实园区基础设施建设资金', limits: [[10, 'workday'], [15, 'workday']], meetings: ['onsite'], topic: '盖北镇', doing: '园区道路和灌溉设施建设方案已完成，资金申请正在审核', done: '建设资金已落实，园区道路和灌溉工程已开工', problem: '上级补助资金到位时间不确定。' },
  { title: '完成章镇镇工业园区污水管网接入方案', lead: '章镇镇', assists: ['区住建局', '区环保分局'], content: '解决章镇镇工业园区企业污水纳管问题，由章镇镇编制管网接入方案', limits: [[15, 'workday'], [30, 'day']], meetings: ['onsite'], topic: '章镇镇', doing: '管网走向已完成踏勘，方案设计正在进行', done: '管网接入方案已确定，工程已完成招标', problem: '管网需穿越省道，审批周期较长。' },
  { title: '开展城区夜市占道经营专项整治', lead: '区综合行政执法局', assists: ['百官街道', '区市场监管局'], content: '针对城区夜市占道经营、油烟扰民问题开展专项整治', limits: [[5, 'workday'], [10, 'workday']], meetings: ['mayor', 'topic'], topic: '城区市容环境整治', doing: '已开展夜间联合执法，规范摊位设置', done: '专项整治已完成，设置夜市疏导点3处', problem: '部分摊贩流动性大，容易反弹。' },
  { title: '研究道墟镇化工企业搬迁安置方案', lead: '道墟镇', assists: ['区经信局', '区环保分局', DEVELOPMENT_ZONE], content: '推进道墟镇化工企业向园区集聚，由道墟镇会同有关部门研究搬迁安置方案', limits: [[20, 'workday'], [30, 'day']], meetings: ['standing', 'onsite'], topic: '道墟镇', doing: '已完成涉及企业摸底，搬迁安置方案正在测算', done: '搬迁安置方案已确定，首批企业签订搬迁协议', problem: '企业搬迁成本高，园区承接空间有限。' },
  { title: '落实崧厦伞业转型升级扶持政策', lead: '区经信局', assists: ['崧厦镇', '区财政局'], content: '支持崧厦伞业转型升级，由区经信局细化落实技改补助等扶持政策', limits: [[15, 'workday']], meetings: ['onsite'], topic: '崧厦镇', doing: '扶持政策实施细则已起草，正在会商区财政局', done: '扶持政策实施细则已印发，首批技改补助已兑现', problem: '小微伞企技改意愿不强。' },
  { title: '编制下管镇乡村旅游发展规划', lead: '下管镇', assists: ['区旅游局', '区规划分局'], content: '发挥下管镇生态资源优势，由下管镇编制乡村旅游发展规划', limits: [[30, 'day']], meetings: ['onsite'], topic: '下管镇', doing: '规划编制单位已确定，完成现场调研', done: '乡村旅游发展规划已通过评审', problem: '旅游配套用地需纳入土地利用规划调整。' },
  { title: '研究解决永和镇农村饮用水提标改造资金缺口', lead: '区水利局', assists: ['永和镇', '区财政局'], content: '解决永和镇农村饮用水提标改造资金缺口，由区水利局会同区财政局提出解决方案', limits: [[10, 'workday']], meetings: ['mayor'], doing: '资金缺口已核实，正在研究分年度补助方案', done: '资金补助方案已明确，工程已恢复施工', problem: '镇级财政配套能力有限。' },
  { title: '开展危险化学品企业安全生产专项检查', lead: '区安监局', assists: ['区公安分局', '区经信局'], content: '对全区危险化学品生产、储存企业开展安全生产专项检查', limits: [[5, 'workday'], [10, 'workday']], meetings: ['topic'], topic: '安全生产工作', doing: '已检查企业42家，发现隐患正在督促整改', done: '专项检查全部完成，发现隐患已整改销号', problem: '个别企业隐患整改投入不足。' },
];

const SPECIALS: DeadlineTemplate[] = [
  { campaign: '五水共治', title: '小越镇河道“清三河”复查问题整改', lead: '小越镇', assists: ['区水利局', '区环保分局'], content: '督查组复查发现，小越镇3条河道存在漂浮物未及时打捞、沿岸垃圾堆放和排污口未标识等问题，“清三河”成果巩固不到位', limits: [[15, 'workday'], [30, 'day']], doing: '已落实河道保洁人员，完成沿岸垃圾清理', done: '复查问题已全部整改，并建立河道长效保洁机制', problem: '部分河段沿岸农户环保意识不强。' },
  { campaign: '五水共治', title: '长塘镇工业园区截污纳管整改', lead: '长塘镇', assists: ['区住建局', '区环保分局'], content: '长塘镇工业园区仍有部分企业雨污混接、污水未纳管', limits: [[30, 'day'], [45, 'day']], doing: '已完成企业排水排查，雨污分流改造正在施工', done: '园区企业已全部完成截污纳管', problem: '个别企业厂区改造需停产施工。' },
  { campaign: '五水共治', title: '汤浦水库饮用水源保护区违规养殖清理', lead: '汤浦镇', assists: ['区水利局', '区农林局', '区环保分局'], content: '汤浦水库饮用水源保护区内仍存在零星畜禽养殖和网箱养殖', limits: [[20, 'workday'], [30, 'day']], doing: '已完成保护区内养殖户摸底，清理工作正在推进', done: '保护区内违规养殖已全部清理', problem: '个别养殖户补偿诉求较高。' },
  { campaign: '三改一拆', title: '沥海镇存量违法建筑拆除进度滞后整改', lead: '沥海镇', assists: ['区综合行政执法局', '区国土资源分局'], content: '沥海镇存量违法建筑拆除完成率低于全区平均水平', limits: [[30, 'day'], [45, 'day']], doing: '已制定拆除计划，分片区组织集中拆除', done: '存量违建拆除任务已完成', problem: '部分违建为企业仓库，涉及生产安排。' },
  { campaign: '三改一拆', title: '丰惠镇古城区块“三改”推进缓慢整改', lead: '丰惠镇', assists: ['区住建局', '区规划分局'], content: '丰惠镇古城区块旧住宅区改造签约率偏低，推进缓慢', limits: [[45, 'day'], [60, 'day']], doing: '已组建工作专班入户做工作，改造方案正在优化', done: '古城区块改造签约已达序时要求', problem: '古城保护要求与居民改造诉求需统筹平衡。' },
  { campaign: '两路两侧、四边三化', title: '杭甬高速上虞段沿线环境整治', lead: '驿亭镇', assists: ['区交通运输局', '区综合行政执法局'], content: '杭甬高速上虞段沿线存在乱堆乱放、破旧棚舍和裸露土地等问题', limits: [[20, 'workday'], [30, 'day']], doing: '已清理乱堆乱放点位，破旧棚舍拆除正在进行', done: '沿线环境问题已全部整改，并完成绿化补植', problem: '部分点位权属不清，责任落实难。' },
  { campaign: '两路两侧、四边三化', title: '329国道沿线违规广告牌清理', lead: '区综合行政执法局', assists: ['梁湖镇', '区交通运输局'], content: '329国道沿线仍有违规设置的户外广告牌和破损广告牌', limits: [[15, 'workday']], doing: '已完成违规广告牌登记，正在通知设置单位自行拆除', done: '违规广告牌已全部清理', problem: '个别广告牌合同未到期，设置单位有抵触。' },
  { campaign: '一江两岸', title: '曹娥江沿岸景观带绿化养护问题整改', lead: '曹娥街道', assists: ['区住建局', '区农林局'], content: '曹娥江沿岸景观带存在苗木缺株、草坪枯黄和设施破损等问题', limits: [[15, 'workday'], [20, 'workday']], doing: '已完成缺株补植，破损设施正在维修', done: '绿化养护问题已整改到位，并落实养护考核', problem: '养护单位人员不足。' },
  { campaign: '特色小镇', title: 'e游小镇年度投资进度滞后整改', lead: '区服务业发展局', assists: ['曹娥街道', '区发改局'], content: 'e游小镇年度投资完成率低于省级特色小镇考核要求', limits: [[30, 'day'], [45, 'day']], doing: '已梳理在建项目投资计划，督促项目单位加快建设', done: '投资进度已达到序时要求', problem: '部分项目业主资金紧张。' },
  { campaign: '特色小镇', title: '伞艺小镇创建方案和投资计划报送', lead: '崧厦镇', assists: ['区发改局', '区经信局'], content: '伞艺小镇创建方案和年度投资计划未按要求报送', limits: [[15, 'workday']], doing: '创建方案初稿已完成，投资计划正在核实', done: '创建方案和投资计划已按要求报送', problem: '项目储备不足。' },
  { campaign: '招商选资‘一号工程’', title: '季度签约项目未达序时进度整改', lead: '区商务局', assists: [DEVELOPMENT_ZONE, '区经信局'], content: '本季度亿元以上签约项目数未达到序时进度', limits: [[30, 'day']], doing: '已赴外地开展专题招商，3个项目进入签约程序', done: '签约项目数已达到序时进度', problem: '优质项目竞争激烈，落地条件谈判周期长。' },
  { campaign: '改革深化年', title: '不动产统一登记职责和人员划转落实', lead: '区国土资源分局', assists: ['区住建局', '区农林局'], content: '不动产统一登记职责整合和人员划转尚未全部到位', limits: [[20, 'workday'], [30, 'day']], doing: '职责整合方案已确定，档案移交正在进行', done: '职责和人员划转已全部到位，实现“一窗受理”', problem: '历史档案数量大，数字化整理耗时长。' },
  { campaign: '城乡提质年', title: '陈溪乡美丽乡村精品村创建进度整改', lead: '陈溪乡', assists: ['区农林局', '区住建局'], content: '陈溪乡精品村创建项目开工率偏低', limits: [[30, 'day'], [45, 'day']], doing: '已完成项目招投标，村庄环境整治先行实施', done: '精品村创建项目已全部开工，主要节点已完成', problem: '山区施工条件差，材料运输困难。' },
  { campaign: '城乡提质年', title: '丁宅乡农村生活垃圾分类处理推进滞后', lead: '丁宅乡', assists: ['区农林局', '区综合行政执法局'], content: '丁宅乡农村生活垃圾分类覆盖村数和资源化处理站建设滞后', limits: [[20, 'workday'], [30, 'day']], doing: '已在5个村推行“两次四分”，处理站完成选址', done: '垃圾分类已覆盖全部行政村，处理站投入运行', problem: '村民分类习惯尚未养成。' },
  { campaign: '八大行动', title: '岭南乡山区公路安全隐患整治', lead: '岭南乡', assists: ['区交通运输局', '区安监局'], content: '岭南乡部分山区公路临崖路段缺少护栏，弯道视距不足', limits: [[20, 'workday']], doing: '已完成隐患路段排查，护栏安装正在施工', done: '隐患路段护栏和警示标志已全部安装', problem: '部分路段地质条件差，施工难度大。' },
  { campaign: '队伍建设年', title: '机关作风明察暗访发现问题整改', lead: '区市场监管局', assists: ['区监察局'], content: '明察暗访发现部分办事窗口工作人员上班时间玩手机、群众等候时间过长', limits: [[10, 'workday'], [15, 'workday']], doing: '已约谈相关科室负责人，完善窗口管理制度', done: '问题已整改，相关人员已作处理并通报', problem: '窗口高峰时段人手紧张。' },
];

const INSTRUCTIONS: DeadlineTemplate[] = [
  { channel: '批示', by: 0, doc: '《群众来信摘报》', quote: '请市场监管局会同属地街道抓紧排查，尽快解决，及时回复群众。', title: '督促解决百官街道某小区电梯频繁故障问题', lead: '区市场监管局', assists: ['百官街道', '区住建局'], content: '群众反映小区电梯频繁故障、多次困人', limits: [[5, 'workday']], doing: '已组织特种设备检验机构现场检测，督促维保单位更换部件', done: '故障电梯已完成维修并通过检验，已回复来信群众', problem: '电梯大修资金需业主共同承担，意见不统一。' },
  { channel: '批示', by: 5, doc: '《关于曹娥江城防工程进展情况的报告》', quote: '汛期将至，请水利局倒排工期，确保安全度汛。', title: '加快推进曹娥江城防工程建设', lead: '区水利局', assists: ['区财政局'], content: '曹娥江城防工程部分堤段尚未达到设计防洪标准', limits: [[10, 'workday']], doing: '已增加施工力量，实行两班制施工', done: '关键堤段已完成加固，具备安全度汛条件', problem: '雨季施工窗口期短。' },
  { channel: '批示', by: -1, doc: '《环境空气质量月报》', quote: '上虞区PM2.5浓度同比反弹，请认真分析原因，拿出针对性措施。', title: '分析PM2.5浓度反弹原因并提出应对措施', lead: '区环保分局', assists: ['区经信局', '区住建局'], content: '市领导关注本区PM2.5浓度同比反弹', limits: [[7, 'workday']], doing: '已完成源解析数据分析，初步形成应对措施', done: '原因分析报告和应对措施已报市、区领导', problem: '区域传输影响较大。' },
  { channel: '批示', by: 3, doc: '《关于沥海镇海涂区域非法采砂情况的报告》', quote: '请国土、公安部门联合执法，坚决遏制。', title: '查处沥海镇海涂区域非法采砂行为', lead: '区国土资源分局', assists: ['沥海镇', '区公安分局'], content: '沥海镇海涂区域夜间存在非法采砂', limits: [[5, 'workday'], [10, 'workday']], doing: '已组织夜间联合巡查，查扣采砂船只2艘', done: '非法采砂行为已查处，建立常态化巡查机制', problem: '作业点分散隐蔽，夜间取证难。' },
  { channel: '批示', by: 1, doc: '《信访专报》', quote: '请人力社保局牵头依法处置，确保农民工工资按时足额发放。', title: '妥善处置某建筑工地拖欠农民工工资问题', lead: '区人力社保局', assists: ['区公安分局', '区信访局'], content: '某建筑工地40余名农民工反映工资被拖欠', limits: [[5, 'workday']], doing: '已约谈施工总承包单位，核实欠薪金额', done: '拖欠工资已全部发放到位', problem: '分包关系复杂，欠薪责任认定需时间。' },
  { channel: '批示', by: 5, doc: '《关于学校周边交通安全情况的调查》', quote: '学生安全无小事，请公安分局会同教育局立即排查整治。', title: '排查整治学校周边交通安全隐患', lead: '区公安分局', assists: ['区教育体育局', '区交通运输局'], content: '部分学校周边上下学时段交通拥堵，缺少减速和警示设施', limits: [[10, 'workday']], doing: '已完成全区中小学周边交通排查，增设护学岗', done: '隐患点位已全部整改，设置减速带和警示标志', problem: '部分学校门口道路狭窄，改造受限。' },
  { channel: '批示', by: 3, doc: '《群众来信摘报》', quote: '请环保分局会同上浦镇查明原因，依法处理。', title: '处理上浦镇某企业异味扰民问题', lead: '区环保分局', assists: ['上浦镇'], content: '周边居民反映某企业夜间排放异味', limits: [[7, 'workday']], doing: '已开展夜间突击检查，责令企业整改废气收集设施', done: '企业已完成废气治理设施改造，经监测达标排放', problem: '异味问题具有间歇性，需持续跟踪。' },
  { channel: '批示', by: 3, doc: '《驿亭镇关于村道损坏情况的报告》', quote: '请交通运输局尽快安排修复。', title: '修复驿亭镇村道破损路段', lead: '区交通运输局', assists: ['驿亭镇'], content: '驿亭镇部分村道因重型车辆通行损坏严重', limits: [[15, 'day']], doing: '已完成破损路段勘查，修复工程正在施工', done: '破损路段已修复通车', problem: '重型车辆通行管控需长效机制。' },
  { channel: '信箱', doc: '区长信箱来信', title: '群众反映人民大道部分路段路灯不亮', lead: '区综合行政执法局', assists: [], content: '来信反映人民大道部分路段路灯长期不亮，夜间出行不便', limits: [[5, 'workday']], doing: '已安排维修人员排查线路故障', done: '路灯已修复，已电话回复来信人', problem: '地下电缆老化，需整体更换。' },
  { channel: '信箱', doc: '区长信箱来信', title: '群众反映梁湖镇部分村自来水水压不足', lead: '区水利局', assists: ['梁湖镇'], content: '来信反映梁湖镇部分村用水高峰时段水压不足', limits: [[7, 'workday']], doing: '已会同供水单位现场测压，制定管网改造方案', done: '已增设增压设施，水压恢复正常并回复来信人', problem: '管网末端口径偏小。' },
  { channel: '信箱', doc: '区长信箱来信', title: '群众反映农贸市场个别摊位缺斤短两', lead: '区市场监管局', assists: [], content: '来信反映城区某农贸市场个别摊位计量器具不准', limits: [[5, 'workday']], doing: '已开展计量器具专项检查', done: '已查处违规摊位3户，设置公平秤并回复来信人', problem: '流动摊贩监管难度大。' },
  { channel: '信箱', doc: '区长信箱来信', title: '群众反映东关街道某小区违章搭建', lead: '区综合行政执法局', assists: ['东关街道'], content: '来信反映小区内有住户在公共区域违章搭建', limits: [[10, 'workday']], doing: '已现场核实并下达责令限期拆除通知书', done: '违章搭建已拆除，已回复来信人', problem: '当事人拒不配合，需依法强制拆除。' },
  { channel: '网帖', doc: '重点网站网帖', title: '网民反映城乡公交部分线路班次偏少', lead: '区交通运输局', assists: [], content: '网民发帖反映部分城乡公交线路班次少、末班车时间早', limits: [[7, 'workday']], doing: '已组织公交公司调研客流，研究加密班次方案', done: '已加密相关线路班次并延长末班车时间，已在网站回复', problem: '部分线路客流少，运营亏损。' },
  { channel: '网帖', doc: '重点网站网帖', title: '网民反映某民办幼儿园收费不规范', lead: '区教育体育局', assists: ['区市场监管局'], content: '网民发帖反映某民办幼儿园巧立名目收取费用', limits: [[5, 'workday']], doing: '已会同市场监管部门进园核查收费项目', done: '已责令幼儿园清退违规收费，并在网站回复', problem: '民办幼儿园收费监管机制有待完善。' },
];

/** How many items of each source aim at each status. Totals 114. */
const MIX: Record<TaskSource, Partial<Record<TaskStatus, number>>> = {
  work_report: { done: 6, on_track: 11, behind: 6, due_soon: 2, overdue: 5 },
  livelihood: { done: 4, on_track: 8, behind: 4, due_soon: 2, overdue: 2 },
  meeting: { done: 9, on_track: 5, due_soon: 4, overdue: 4 },
  project: { done: 2, on_track: 5, behind: 3, due_soon: 1, overdue: 1 },
  special: { done: 4, on_track: 4, behind: 3, due_soon: 2, overdue: 3 },
  instruction: { done: 6, on_track: 2, due_soon: 3, overdue: 3 },
};
/** When the wanted status cannot be reached from `today` (e.g. early in January), try these. */
const FALLBACK: TaskStatus[] = ['on_track', 'due_soon', 'done', 'overdue', 'behind'];

/** Added to an item's own difficulty when it lags; generic enough for any kind of item. */
const GENERAL_PROBLEMS = [
  '部分乡镇（街道）工作推进不平衡，个别单位进度偏慢。',
  '涉及多个部门协同，工作衔接有待加强。',
  '工作力量不足，专人专岗尚未完全落实。',
  '资金到位较慢，影响工作推进。',
  '前期准备时间比预期长，序时进度未能跟上。',
];
const SMOOTH_PROBLEMS = ['暂无。', '总体推进顺利，暂无需要协调的问题。'];
const NEXT_STEPS = [
  '倒排工期、挂图作战，确保按期完成年度目标。',
  '加强与配合单位的沟通协调，及时解决推进中的困难和问题。',
  '落实专人跟踪，每周梳理进度，确保序时推进。',
  '抓紧办理剩余前期手续，加快形成实物工作量。',
];

// ─── Randomness and small helpers ──────────────────────────────────────────────────────────────

type Random = () => number;

/** mulberry32: a small, fast, seedable PRNG — the demo must be reproducible. */
function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: Random, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from an empty list');
  return items[Math.floor(random() * items.length)] as T;
}

function between(random: Random, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const days = (a: string, b: string) => dayNumber(b) - dayNumber(a);
const yearOf = (date: string) => Number(date.slice(0, 4));
const monthOf = (date: string) => Number(date.slice(5, 7));
const CN_QUARTERS = ['一', '二', '三', '四'];

/** '2016年9月20日' */
function cnDate(date: string): string {
  return `${yearOf(date)}年${monthOf(date)}月${Number(date.slice(8, 10))}日`;
}

/** '9月20日' */
function cnMonthDay(date: string): string {
  return `${monthOf(date)}月${Number(date.slice(8, 10))}日`;
}

function monthEnd(year: number, month: number): string {
  return isoDate(Date.UTC(year, month, 1) / 86_400_000 - 1);
}

function isMonthEnd(date: string): boolean {
  return addCalendarDays(date, 1).slice(8, 10) === '01';
}

/** Month ends from..to inclusive. */
function monthEnds(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = yearOf(from), m = monthOf(from); ; m += 1) {
    if (m > 12) {
      m = 1;
      y += 1;
    }
    const end = monthEnd(y, m);
    if (end > to) break;
    if (end >= from) out.push(end);
  }
  return out;
}

const quarterEnds = (from: string, to: string) => monthEnds(from, to).filter((d) => monthOf(d) % 3 === 0);

/** Units that can be counted in fractions; everything else (所, 家, 个, 人 …) is counted whole. */
const DIVISIBLE_UNITS = new Set(['亿元', '公里', '万平方米', '亩']);

function formatAmount(value: number, unit: string): string {
  if (!DIVISIBLE_UNITS.has(unit)) return String(Math.floor(value));
  if (value >= 100) return String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}

// ─── People ────────────────────────────────────────────────────────────────────────────────────

class PeopleBook {
  private readonly used = new Set<string>(LEADERS.map((l) => l.name));
  constructor(private readonly random: Random) {}

  name(): string {
    for (;;) {
      const name = pick(this.random, SURNAMES) + pick(this.random, GIVEN_NAMES);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  mobile(): string {
    return pick(this.random, MOBILE_PREFIXES) + String(between(this.random, 0, 99_999_999)).padStart(8, '0');
  }

  /** 上虞 landlines are 0575-82xxxxxx. */
  landline(): string {
    return `0575-82${between(this.random, 100_000, 999_999)}`;
  }
}

function buildUnits(people: PeopleBook): DemoUnit[] {
  const list: Array<{ name: string; shortName: string; kind: UnitKind }> = [
    ...SUBDISTRICTS.map((s) => ({ name: `${s}街道`, shortName: s, kind: 'subdistrict' as const })),
    ...TOWNS.map((s) => ({ name: `${s}镇`, shortName: s, kind: 'township' as const })),
    ...TOWNSHIPS.map((s) => ({ name: `${s}乡`, shortName: s, kind: 'township' as const })),
    ...DEPARTMENTS.map((s) => ({ name: `区${s}`, shortName: s, kind: 'department' as const })),
    { name: DEVELOPMENT_ZONE, shortName: '开发区', kind: 'other' },
  ];
  return list.map((u, i) => ({
    ...u,
    leaderName: people.name(),
    leaderPhone: people.mobile(),
    directorName: people.name(),
    directorPhone: people.landline(),
    liaisonName: people.name(),
    liaisonPhone: people.mobile(),
    sortOrder: (i + 1) * 10,
  }));
}

// ─── The builder ───────────────────────────────────────────────────────────────────────────────

interface Builder {
  today: string;
  random: Random;
  calendar: WorkCalendar;
  cutoff: string;
  units: Map<string, DemoUnit>;
  /** working days from 150 days ago up to today, candidates for 交办 dates */
  recentWorkdays: string[];
  /** the year of the yearly programmes: this year once its first quarter is over, else last year */
  programmeYear: number;
}

interface Placement {
  assigned: string;
  due: string;
  completedOn: string | null;
  limit: [number, TimeLimitUnit] | null;
  milestones: DemoMilestone[];
}

/**
 * Builds the demo ledger for `today`. The item mix is planned against a 临期 threshold of 3 working
 * days and the built-in holidays; each item's dates are chosen so that it shows its planned status
 * on `today` (when that is impossible — say, no yearly milestone has passed yet in early January —
 * it takes another one).
 */
export function buildDemoLedger(today: string, seed: number = DEFAULT_DEMO_SEED): DemoLedger {
  dayNumber(today);
  const random = seededRandom(seed);
  const calendar = new WorkCalendar([]);
  const people = new PeopleBook(random);
  const units = buildUnits(people);
  const recentWorkdays: string[] = [];
  for (let d = addCalendarDays(today, -150); d <= today; d = addCalendarDays(d, 1)) {
    if (calendar.isWorkday(d)) recentWorkdays.push(d);
  }
  const year = yearOf(today);
  const b: Builder = {
    today,
    random,
    calendar,
    cutoff: dueSoonCutoff(today, DUE_SOON_WORKDAYS, calendar),
    units: new Map(units.map((u) => [u.name, u])),
    recentWorkdays,
    programmeYear: today >= `${year}-04-01` ? year : year - 1,
  };
  const tasks = [
    ...annualTasks(b, 'work_report', WORK_REPORT),
    ...annualTasks(b, 'livelihood', LIVELIHOOD),
    ...deadlineTasks(b, 'meeting', MEETINGS),
    ...annualTasks(b, 'project', PROJECTS),
    ...deadlineTasks(b, 'special', SPECIALS),
    ...deadlineTasks(b, 'instruction', INSTRUCTIONS),
  ];
  return { today, seed, units, tasks, workflow: planWorkflow(b, tasks) };
}

/** The planned statuses of a source's items, shuffled. */
function targetsFor(b: Builder, source: TaskSource, count: number): TaskStatus[] {
  const list: TaskStatus[] = [];
  for (const [status, n] of Object.entries(MIX[source]) as Array<[TaskStatus, number]>) {
    for (let i = 0; i < n; i += 1) list.push(status);
  }
  while (list.length < count) list.push('on_track');
  return shuffled(b.random, list).slice(0, count);
}

function place(target: TaskStatus, attempt: (status: TaskStatus) => Placement | null): { status: TaskStatus; placement: Placement } {
  for (const status of [target, ...FALLBACK.filter((s) => s !== target)]) {
    const placement = attempt(status);
    if (placement) return { status, placement };
  }
  throw new Error('no placement for a demo task');
}

function leaderFor(lead: string, assists: string[]): string {
  for (const unit of [lead, ...assists]) {
    const leader = LEADERS.find((l) => l.departments.includes(unit));
    if (leader) return leader.name;
  }
  return LEADERS[0]!.name;
}

function taskUnits(b: Builder, lead: string, assists: string[]): DemoTaskUnit[] {
  // Templates list the most relevant assisting units first; some items have none.
  const count = assists.length === 0 ? 0 : Math.min(assists.length, pick(b.random, [0, 1, 1, 2, 2, 3, 3]));
  const chosen = assists.slice(0, count);
  return [
    { name: lead, role: 'lead' as const },
    ...chosen.map((name) => ({ name, role: 'assist' as const })),
  ].map(({ name, role }) => {
    const unit = b.units.get(name);
    if (!unit) throw new Error(`demo unit missing: ${name}`);
    return { unitName: name, role, contactPerson: unit.liaisonName, contactPhone: unit.liaisonPhone };
  });
}

function unitNames(units: DemoTaskUnit[], role: UnitRole): string {
  return units
    .filter((u) => u.role === role)
    .map((u) => u.unitName)
    .join('、');
}

// ─── Yearly programmes: 政府工作报告, 民生实事, 重点项目 ───────────────────────────────────────

const PROGRAMME_START: Partial<Record<TaskSource, string>> = { work_report: '03-02', livelihood: '03-15', project: '02-26' };

function annualTasks(b: Builder, source: TaskSource, templates: AnnualTemplate[]): DemoTask[] {
  const targets = targetsFor(b, source, templates.length);
  // 政府工作报告: 序号 in the 171-item 细化分解表.
  const numbers = shuffled(b.random, Array.from({ length: 171 }, (_, i) => i + 1))
    .slice(0, templates.length)
    .sort((x, y) => x - y);
  const areaCount = new Map<number, number>();
  return templates.map((tpl, i) => {
    const { status, placement } = place(targets[i] ?? 'on_track', (s) => annualPlacement(b, source, tpl, s));
    const units = taskUnits(b, tpl.lead, tpl.assists);
    const P = b.programmeYear;
    let code: string;
    let sourceRef: string;
    let content: string;
    const leads = unitNames(units, 'lead');
    const assists = unitNames(units, 'assist');
    const division = `由${leads}牵头${assists ? `，${assists}配合` : ''}`;
    if (source === 'work_report') {
      const n = numbers[i] ?? i + 1;
      code = String(n);
      sourceRef = `《${P}年政府工作报告目标任务细化分解表》第${n}项`;
      content = `目标任务：${tpl.title}。${division}，研究制订落实方案，对照计划进度有序推进。每季度结束后5日内报送进展情况；区政府办公室实行半年度督查通报。`;
    } else if (source === 'livelihood') {
      const area = tpl.area ?? 1;
      const k = (areaCount.get(area) ?? 0) + 1;
      areaCount.set(area, k);
      code = `${area}-${k}`;
      sourceRef = `《${P}年度区政府十方面民生实事季度实施计划表》（${LIVELIHOOD_AREAS[area] ?? ''}）`;
      content = `民生实事：${tpl.title}。${division}，按季度实施计划推进。区政府办公室实行月度督查、季度在《上虞日报》等媒体公示、年终考评。`;
    } else {
      code = `项目${String(i + 1).padStart(2, '0')}`;
      sourceRef = `${P}年度区重点项目计划`;
      content = `建设内容：${tpl.scope ?? tpl.title}。年度计划投资${tpl.measure ? `${formatAmount(tpl.measure.target, tpl.measure.unit)}${tpl.measure.unit}` : '见项目计划'}。${division}，每季度向区政府办公室、区监察局报告项目进展情况。`;
    }
    const reports = annualReports(b, source, tpl, units, placement, status);
    return {
      year: P,
      source,
      code,
      title: source === 'project' && tpl.measure ? `${tpl.title}（年度计划投资${formatAmount(tpl.measure.target, tpl.measure.unit)}${tpl.measure.unit}）` : tpl.title,
      content,
      sourceRef,
      sourceDate: placement.assigned,
      leader: leaderFor(tpl.lead, tpl.assists),
      assignedDate: placement.assigned,
      timeLimitValue: null,
      timeLimitUnit: null,
      dueDate: placement.due,
      rhythm: DEFAULT_RHYTHM[source],
      note: '',
      units,
      milestones: placement.milestones,
      completedOn: placement.completedOn,
      reports,
      actions: followUp(b, status, placement, units, tpl.title),
    };
  });
}

function annualPlacement(b: Builder, source: TaskSource, tpl: AnnualTemplate, status: TaskStatus): Placement | null {
  const { today, cutoff, calendar, random } = b;
  const P = b.programmeYear;
  const assigned = calendar.workdayOnOrAfter(`${P}-${PROGRAMME_START[source] ?? '03-02'}`);
  if (assigned > today) return null;
  const last = source === 'project' ? `${P + 1}-06-30` : `${P}-12-31`;
  const earliest = addCalendarDays(assigned, 75);
  const preferred = `${P}-${tpl.due ?? '12-31'}`;
  const ends = monthEnds(earliest, last);
  let due: string | undefined;
  switch (status) {
    case 'overdue': {
      const past = ends.filter((d) => d < today && days(d, today) <= 120);
      due = past.includes(preferred) ? preferred : past.length ? pick(random, past) : undefined;
      break;
    }
    case 'due_soon': {
      const soon: string[] = [];
      for (let d = addCalendarDays(today, 1); d <= cutoff; d = addCalendarDays(d, 1)) {
        if (calendar.isWorkday(d) && d >= earliest && d <= last) soon.push(d);
      }
      due = soon.length ? pick(random, soon) : undefined;
      break;
    }
    case 'on_track':
    case 'behind': {
      const later = ends.filter((d) => d > cutoff);
      due = later.includes(preferred) ? preferred : later.length ? later[later.length - 1] : undefined;
      break;
    }
    case 'done': {
      const any = ends.filter((d) => days(assigned, d) >= 90);
      due = any.includes(preferred) ? preferred : any.length ? pick(random, any) : undefined;
      break;
    }
  }
  if (!due) return null;
  const milestones = annualMilestones(b, assigned, due);
  if (status === 'behind' && !(plannedPercentAt(milestones, today) ?? 0)) return null;
  let completedOn: string | null = null;
  if (status === 'done') {
    const latest = due < today ? due : today;
    const from = addCalendarDays(latest, -between(random, 5, 60));
    const on = calendar.workdayOnOrAfter(from > assigned ? from : addCalendarDays(assigned, 1));
    completedOn = on <= latest ? on : latest;
    if (completedOn <= assigned) return null;
  }
  return { assigned, due, completedOn, limit: null, milestones };
}

/** Quarter-end milestones before the due date, and the due date itself at 100%. */
function annualMilestones(b: Builder, assigned: string, due: string): DemoMilestone[] {
  const span = days(assigned, due);
  // Some items start slowly (approvals, tendering), some start fast: bend the straight line a little.
  const bend = 0.8 + b.random() * 0.5;
  const points = quarterEnds(addCalendarDays(assigned, 1), addCalendarDays(due, -1));
  const out: DemoMilestone[] = [];
  let previous = 0;
  for (const d of points) {
    const raw = 100 * Math.pow(days(assigned, d) / span, bend);
    const planned = Math.min(95, Math.max(previous + 5, Math.round(raw / 5) * 5));
    if (planned >= 100) break;
    previous = planned;
    const q = Math.floor((monthOf(d) - 1) / 3);
    out.push({
      label: `第${CN_QUARTERS[q] ?? ''}季度末`,
      dueDate: d,
      plannedPercent: planned,
      description: `累计完成年度目标的${planned}%`,
    });
  }
  out.push({
    label: isMonthEnd(due) ? `${monthOf(due)}月底前完成` : `${cnMonthDay(due)}前完成`,
    dueDate: due,
    plannedPercent: 100,
    description: '全面完成年度目标任务',
  });
  return out;
}

/** Expected progress on a date: straight lines between (assigned, 0) and the milestones. */
function expectedPercent(assigned: string, milestones: DemoMilestone[], date: string): number {
  let fromDate = assigned;
  let fromPct = 0;
  for (const m of milestones) {
    if (date <= m.dueDate) {
      const span = days(fromDate, m.dueDate);
      return span <= 0 ? m.plannedPercent : fromPct + ((m.plannedPercent - fromPct) * days(fromDate, date)) / span;
    }
    fromDate = m.dueDate;
    fromPct = m.plannedPercent;
  }
  return 100;
}

function stageFor(percent: number): string {
  if (percent >= 100) return '已完成';
  if (percent >= 75) return '扫尾攻坚';
  if (percent >= 50) return '加快推进';
  if (percent >= 25) return '全面实施';
  return '前期准备';
}

function periodOf(rhythm: Rhythm, asOf: string): string {
  const y = yearOf(asOf);
  if (rhythm === 'monthly') return `${y}年${monthOf(asOf)}月`;
  return `${y}年第${CN_QUARTERS[Math.floor((monthOf(asOf) - 1) / 3)] ?? ''}季度`;
}

/**
 * Reports of the lead unit at each period end (monthly for 民生实事, quarterly otherwise), with
 * percentages that make the item show `status` today, plus the assisting units' latest reports.
 */
function annualReports(
  b: Builder,
  source: TaskSource,
  tpl: AnnualTemplate,
  units: DemoTaskUnit[],
  placement: Placement,
  status: TaskStatus,
): DemoProgressReport[] {
  const { random, calendar, today } = b;
  const { assigned, completedOn, milestones } = placement;
  const rhythm: Rhythm = source === 'livelihood' ? 'monthly' : 'quarterly';
  const stop = completedOn ?? today;
  const periodEnds = (rhythm === 'monthly' ? monthEnds : quarterEnds)(addCalendarDays(assigned, 1), stop);
  const plannedNow = plannedPercentAt(milestones, today);

  const slots: Array<{ asOf: string; reportDate: string }> = [];
  for (const asOf of periodEnds) {
    const reportDate = calendar.workdayOnOrAfter(addCalendarDays(asOf, between(random, 1, 5)));
    if (reportDate < stop && (slots.length === 0 || reportDate > slots[slots.length - 1]!.reportDate)) slots.push({ asOf, reportDate });
  }
  // A milestone has passed but its report is not yet due: an item on track reports anyway, so it
  // does not look behind only because of the reporting calendar.
  if (status !== 'behind' && status !== 'done' && plannedNow && slots.length === 0) {
    slots.push({ asOf: today, reportDate: today });
  }

  const percents: number[] = [];
  const factor =
    status === 'behind' ? 0.45 + random() * 0.3 : status === 'overdue' ? 0.7 + random() * 0.2 : 1 + random() * 0.15;
  let best = 0;
  for (const { asOf } of slots) {
    const raw = Math.round(expectedPercent(assigned, milestones, asOf) * factor);
    best = Math.max(best, Math.min(95, Math.max(raw, 1)));
    percents.push(best);
  }
  if (percents.length > 0 && plannedNow !== null) {
    const i = percents.length - 1;
    if (status === 'behind') {
      const cap = Math.max(0, plannedNow - between(random, 8, 25));
      for (let k = 0; k < percents.length; k += 1) percents[k] = Math.min(percents[k]!, cap);
    } else if (status !== 'done' && status !== 'overdue') {
      percents[i] = Math.max(percents[i]!, Math.min(99, plannedNow + between(random, 0, 6)));
    }
  }

  const lead = units[0]!;
  const leadUnit = b.units.get(lead.unitName)!;
  const reports: DemoProgressReport[] = slots.map(({ asOf, reportDate }, k) => {
    const p = percents[k] ?? 0;
    const stale = k > 0 && (status === 'behind' || status === 'overdue') && random() < 0.3;
    const percent = stale ? (percents[k - 1] ?? p) : p;
    if (stale) percents[k] = percent;
    const asOfText = asOf === reportDate ? `截至${cnMonthDay(asOf)}` : isMonthEnd(asOf) ? `截至${monthOf(asOf)}月底` : `截至${cnMonthDay(asOf)}`;
    const amount = tpl.measure ? `累计完成${tpl.measure.name}${formatAmount((tpl.measure.target * percent) / 100, tpl.measure.unit)}${tpl.measure.unit}，` : '';
    const lagging = status === 'behind' || status === 'overdue';
    const next = milestones.find((m) => m.dueDate > asOf);
    return {
      unitName: lead.unitName,
      period: periodOf(rhythm, asOf),
      reportDate,
      percent,
      stage: stageFor(percent),
      doneText: stale ? `与上期相比无新进展，累计完成年度目标的${percent}%。` : `${asOfText}，${amount}完成年度目标的${percent}%。${tpl.doing}。`,
      problems: lagging ? `${tpl.problem}${pick(random, GENERAL_PROBLEMS)}` : random() < 0.5 ? pick(random, SMOOTH_PROBLEMS) : tpl.problem,
      nextSteps:
        lagging && next
          ? `针对进度滞后问题，已制定赶超措施，力争${next.label.replace(/前完成$/, '')}前达到${next.plannedPercent}%的计划进度。`
          : lagging
            ? '倒排工期、加派力量，力争尽快完成，并按要求报送情况说明。'
            : pick(random, NEXT_STEPS),
      noChange: stale,
      reporter: leadUnit.liaisonName,
    };
  });

  // Some lagging 民生实事 units have not sent this month's report: the 工作台 lists them under 本期未报送.
  // Chosen by the title, not by `random`, so every other item of the demo stays as it was.
  if (status === 'behind' && rhythm === 'monthly' && reports.length >= 2 && Array.from(tpl.title).length % 2 === 0) reports.pop();

  if (completedOn) {
    reports.push({
      unitName: lead.unitName,
      period: periodOf(rhythm, completedOn),
      reportDate: completedOn,
      percent: 100,
      stage: '已完成',
      doneText: `已全面完成年度目标任务${tpl.measure ? `，累计完成${tpl.measure.name}${formatAmount(tpl.measure.target, tpl.measure.unit)}${tpl.measure.unit}` : ''}。${tpl.doing}。`,
      problems: '',
      nextSteps: '做好资料归档和长效管理，迎接年终考评。',
      noChange: false,
      reporter: leadUnit.liaisonName,
    });
  }

  // Assisting units report their part in the latest period too, at the lead unit's percentage.
  const latest = reports[reports.length - 1];
  if (latest) {
    for (const u of units.slice(1)) {
      const unit = b.units.get(u.unitName)!;
      reports.push({
        ...latest,
        unitName: u.unitName,
        doneText: `配合${lead.unitName}做好${tpl.title}相关工作，本单位承担的任务${latest.percent === 100 ? '已完成' : '按计划推进'}。`,
        problems: latest.percent === 100 ? '' : '暂无。',
        nextSteps: latest.percent === 100 ? '' : `继续配合${lead.unitName}推进。`,
        noChange: false,
        reporter: unit.liaisonName,
      });
    }
  }
  return reports.sort((x, y) => (x.reportDate < y.reportDate ? -1 : x.reportDate > y.reportDate ? 1 : 0));
}

// ─── Items with a time limit: 会议决定事项, 专项督查, 领导批示及信箱 ──────────────────────────

/** 区政府常务会议 meets every other week, on the first working day of even weeks of the year. */
function standingMeetingNumber(b: Builder, date: string): number | null {
  const y = yearOf(date);
  const jan1 = dayNumber(`${y}-01-01`);
  const firstMonday = jan1 - ((((jan1 + 3) % 7) + 7) % 7); // day numbers: 1970-01-05 was a Monday
  const day = dayNumber(date);
  const week = Math.floor((day - firstMonday) / 7);
  if (week % 2 !== 0) return null;
  for (let d = firstMonday + week * 7; d < day; d += 1) {
    if (b.calendar.isWorkday(isoDate(d))) return null;
  }
  return week / 2 + 1;
}

function deadlinePlacement(b: Builder, tpl: DeadlineTemplate, status: TaskStatus, withMilestones: boolean, onlyOn?: (d: string) => boolean): Placement | null {
  const { today, cutoff, calendar, random } = b;
  if (status === 'behind' && !withMilestones) return null;
  for (const limit of shuffled(random, tpl.limits)) {
    const matches: Placement[] = [];
    for (const assigned of b.recentWorkdays) {
      if (onlyOn && !onlyOn(assigned)) continue;
      const due = calendar.addDays(assigned, limit[0], limit[1]);
      const milestones = withMilestones ? stageMilestones(b, assigned, due) : [];
      let ok = false;
      switch (status) {
        case 'overdue':
          ok = due < today && days(due, today) <= 45;
          break;
        case 'due_soon':
          ok = due >= today && due <= cutoff && (plannedPercentAt(milestones, today) ?? 0) < 100;
          break;
        case 'on_track':
          ok = due > cutoff;
          break;
        case 'behind':
          ok = due > cutoff && (plannedPercentAt(milestones, today) ?? 0) > 0;
          break;
        case 'done':
          ok = days(assigned, today) >= 3;
          break;
      }
      if (ok) matches.push({ assigned, due, completedOn: null, limit, milestones });
    }
    if (matches.length === 0) continue;
    const chosen = pick(random, matches);
    if (status === 'done') {
      const latest = chosen.due < today ? chosen.due : today;
      const options = b.recentWorkdays.filter((d) => d > chosen.assigned && d <= latest);
      if (options.length === 0) continue;
      // Most items are closed in the second half of their time limit.
      chosen.completedOn = options[Math.floor(options.length * (0.4 + 0.6 * random()))] ?? options[options.length - 1]!;
    }
    return chosen;
  }
  return null;
}

/** 专项督查 stages: find the problems and plan, fix the main ones, finish and report. */
function stageMilestones(b: Builder, assigned: string, due: string): DemoMilestone[] {
  const span = days(assigned, due);
  const out: DemoMilestone[] = [];
  if (span >= 12) {
    const first = b.calendar.workdayOnOrAfter(addCalendarDays(assigned, Math.round(span * 0.35)));
    const second = b.calendar.workdayOnOrAfter(addCalendarDays(assigned, Math.round(span * 0.7)));
    if (first < second && second < due) {
      out.push({ label: '完成问题排查', dueDate: first, plannedPercent: 30, description: '查清问题清单，制定整改方案，明确责任人和时限' });
      out.push({ label: '完成主要整改', dueDate: second, plannedPercent: 70, description: '完成主要问题整改' });
    }
  }
  out.push({ label: '全面完成整改', dueDate: due, plannedPercent: 100, description: '全部问题整改到位，并将整改情况书面报区政府办公室' });
  return out;
}

function deadlineTasks(b: Builder, source: TaskSource, templates: DeadlineTemplate[]): DemoTask[] {
  const targets = targetsFor(b, source, templates.length);
  const drafts = templates.map((tpl, i) => {
    const withMilestones = source === 'special';
    let meeting: { kind: MeetingKind; number: number | null } | null = null;
    let result: { status: TaskStatus; placement: Placement } | null = null;
    if (source === 'meeting') {
      // A standing meeting only on its own days; the other kinds meet when needed.
      for (const kind of shuffled<MeetingKind>(b.random, tpl.meetings ?? ['mayor'])) {
        const only = kind === 'standing' ? (d: string) => standingMeetingNumber(b, d) !== null : undefined;
        const placement = deadlinePlacement(b, tpl, targets[i] ?? 'on_track', false, only);
        if (placement) {
          result = { status: targets[i] ?? 'on_track', placement };
          meeting = { kind, number: kind === 'standing' ? standingMeetingNumber(b, placement.assigned) : null };
          break;
        }
      }
      if (!result) {
        result = place(targets[i] ?? 'on_track', (s) => deadlinePlacement(b, tpl, s, false));
        meeting = { kind: tpl.meetings?.includes('onsite') ? 'onsite' : 'mayor', number: null };
      }
    } else {
      result = place(targets[i] ?? 'on_track', (s) => deadlinePlacement(b, tpl, s, withMilestones));
    }
    return { tpl, meeting, ...result };
  });
  drafts.sort((x, y) => (x.placement.assigned < y.placement.assigned ? -1 : x.placement.assigned > y.placement.assigned ? 1 : 0));

  const seq = new Map<string, number>();
  return drafts.map(({ tpl, meeting, status, placement }) => {
    const { assigned, due, limit } = placement;
    const year = yearOf(assigned);
    const units = taskUnits(b, tpl.lead, tpl.assists);
    const leads = unitNames(units, 'lead');
    const assists = unitNames(units, 'assist');
    const division = `请${leads}牵头${assists ? `，${assists}配合` : ''}`;
    const limitText = limit ? `${limit[0]}${limit[1] === 'workday' ? '个工作日' : '日'}` : '';
    let prefix: string;
    let sourceRef: string;
    let sourceDate = assigned;
    let content: string;
    let leader = leaderFor(tpl.lead, tpl.assists);
    if (source === 'meeting') {
      prefix = '会';
      const name =
        meeting?.kind === 'standing' && meeting.number !== null
          ? `区政府第${meeting.number}次常务会议`
          : meeting?.kind === 'topic'
            ? `${tpl.topic ?? ''}专题会议`
            : meeting?.kind === 'onsite'
              ? `${tpl.topic ?? leads}现场办公会议`
              : '区长办公会议';
      sourceRef = `${name}纪要（${cnDate(assigned)}）`;
      content = `${name}议定：${tpl.content}。${division}，于会后${limitText}内将落实情况书面报区政府办公室。`;
    } else if (source === 'special') {
      prefix = '专';
      sourceRef = `“${tpl.campaign ?? ''}”专项督查通知书（${cnDate(assigned)}）`;
      content = `区政府办公室在“${tpl.campaign ?? ''}”专项督查中发现：${tpl.content}。${division}，于${limitText}内落实整改，并将整改情况书面报区政府办公室，逾期未落实的将实施跟踪督查并予以通报。`;
    } else {
      const channel = tpl.channel ?? '批示';
      prefix = channel === '批示' ? '批' : channel === '信箱' ? '信' : '网';
      sourceDate = b.recentWorkdays.filter((d) => d <= assigned).slice(-2)[0] ?? assigned;
      if (channel === '批示') {
        const by = tpl.by ?? 0;
        const who = by < 0 ? '市政府领导' : `${LEADERS[by]?.title ?? ''}${LEADERS[by]?.name ?? ''}`;
        if (by >= 0) leader = LEADERS[by]?.name ?? leader;
        sourceRef = `${who}在${tpl.doc ?? ''}上的批示（${cnDate(sourceDate)}）`;
        content = `${tpl.content}。${who}批示：“${tpl.quote ?? ''}”${division}，于${limitText}内将办理情况报区政府办公室。`;
      } else {
        leader = LEADERS[0]!.name;
        sourceRef = `${tpl.doc ?? ''}（${cnDate(sourceDate)}）`;
        content = `${tpl.content}。经区政府办公室转办，${division}核实处理，于${limitText}内将办理结果报区政府办公室并答复反映人。`;
      }
    }
    const n = (seq.get(`${prefix}${year}`) ?? 0) + 1;
    seq.set(`${prefix}${year}`, n);
    const { reports, note } = deadlineReports(b, source, tpl, units, placement, status);
    return {
      year,
      source,
      code: `${prefix}〔${year}〕${n}`,
      title: tpl.title,
      content,
      sourceRef,
      sourceDate,
      leader,
      assignedDate: assigned,
      timeLimitValue: limit ? limit[0] : null,
      timeLimitUnit: limit ? limit[1] : null,
      dueDate: due,
      rhythm: DEFAULT_RHYTHM[source],
      note,
      units,
      milestones: placement.milestones,
      completedOn: placement.completedOn,
      reports,
      actions: followUp(b, status, placement, units, tpl.title, source, note !== ''),
    };
  });
}

function deadlineReports(
  b: Builder,
  source: TaskSource,
  tpl: DeadlineTemplate,
  units: DemoTaskUnit[],
  placement: Placement,
  status: TaskStatus,
): { reports: DemoProgressReport[]; note: string } {
  const { random, calendar, today } = b;
  const { assigned, due, completedOn, milestones } = placement;
  const lead = units[0]!;
  const reporter = b.units.get(lead.unitName)!.liaisonName;
  const reports: DemoProgressReport[] = [];
  let note = '';
  const report = (reportDate: string, percent: number | null, stage: string, doneText: string, problems: string, nextSteps: string, period = '阶段进展') =>
    reports.push({ unitName: lead.unitName, period, reportDate, percent, stage, doneText, problems, nextSteps, noChange: false, reporter });

  // 专项督查 report at each stage; the others once while in progress (if at all).
  const plannedNow = plannedPercentAt(milestones, today);
  const stageDates = milestones.slice(0, -1).map((m) => ({ m, date: calendar.workdayOnOrAfter(addCalendarDays(m.dueDate, between(random, 0, 2))) }));
  const stop = completedOn ?? today;
  for (const { m, date } of stageDates) {
    if (date >= stop) continue;
    const percent = status === 'behind' && plannedNow !== null ? Math.max(0, Math.min(m.plannedPercent, plannedNow) - between(random, 10, 20)) : m.plannedPercent + between(random, 0, 10);
    report(date, percent, stageFor(percent), `${tpl.doing}。`, status === 'behind' ? tpl.problem : pick(random, SMOOTH_PROBLEMS), `按整改方案推进，确保${cnMonthDay(due)}前全面完成。`);
  }
  const inProgress = reports.length === 0 && (status === 'on_track' || status === 'due_soon' || status === 'overdue') && random() < 0.6;
  if (inProgress || (status === 'behind' && reports.length === 0 && random() < 0.5)) {
    const options = b.recentWorkdays.filter((d) => d > assigned && d <= today && d < due);
    if (options.length > 0) {
      const percent =
        status === 'behind' && plannedNow !== null ? Math.max(0, plannedNow - between(random, 10, 25)) : Math.max(plannedNow ?? 0, between(random, 30, 70));
      report(pick(random, options), percent, '正在办理', `${tpl.doing}。`, tpl.problem, `抓紧推进，确保在${cnMonthDay(due)}前办结并书面报送办理结果。`);
    }
  }
  if (status === 'on_track' || status === 'due_soon') {
    // Keep the newest percentage at or above the plan, so that the item is not behind.
    const lastReport = reports[reports.length - 1];
    if (plannedNow !== null && (!lastReport || (lastReport.percent ?? 0) < plannedNow)) {
      if (lastReport && lastReport.reportDate === today) lastReport.percent = Math.min(99, plannedNow + 5);
      else report(today, Math.min(99, plannedNow + between(random, 0, 8)), '正在办理', `${tpl.doing}。`, pick(random, SMOOTH_PROBLEMS), `确保${cnMonthDay(due)}前全面完成。`);
    }
  }
  if (status === 'overdue' && random() < 0.5) {
    // The unit asked for more time before the deadline, with reasons and stage progress (seed 二(一)).
    const asked = calendar.workdayOnOrAfter(addCalendarDays(due, -between(random, 1, 3)));
    const date = asked > assigned && asked <= today ? asked : due;
    const until = calendar.addDays(due, between(random, 5, 15), 'workday');
    if (!reports.some((r) => r.reportDate >= date)) {
      const reached = reports[reports.length - 1]?.percent ?? 0;
      report(date, Math.max(reached, between(random, 50, 85)), '申请延期', `${tpl.doing}。`, `${tpl.problem}因上述原因无法在${cnMonthDay(due)}前办结，特申请延期至${cnMonthDay(until)}。`, `${cnMonthDay(until)}前办结并报送办理结果。`, '延期申请');
      note = `承办单位已说明原因并申请延期至${cnDate(until)}，待区政府办公室审核。`;
    }
  }
  if (completedOn) {
    report(completedOn, 100, '已办结', `${tpl.done}。`, '', source === 'special' ? '建立长效机制，防止问题反弹。' : '', '办结报告');
  }
  return { reports: reports.sort((x, y) => (x.reportDate < y.reportDate ? -1 : x.reportDate > y.reportDate ? 1 : 0)), note };
}

// ─── What the office did: 书面督办, 电话催办, 现场督办 ─────────────────────────────────────────

/**
 * The office's actions on an item. `explained`: the unit reported the reason and asked for more time
 * before the deadline, so it gets a call, not a 催办通知 asking for an explanation (seed 二(一)).
 */
function followUp(
  b: Builder,
  status: TaskStatus,
  placement: Placement,
  units: DemoTaskUnit[],
  title: string,
  source?: TaskSource,
  explained = false,
): DemoAction[] {
  const { random, calendar, today } = b;
  const { assigned, due, milestones } = placement;
  const lead = units[0]!;
  const liaison = b.units.get(lead.unitName)!.liaisonName;
  const actions: DemoAction[] = [];
  const add = (date: string, method: ActionMethod, note: string, purpose: ActionPurpose = 'supervise') => {
    if (date <= today && date >= assigned) actions.push({ unitName: lead.unitName, method, actionDate: date, note, purpose });
  };
  if (source === 'special') {
    add(assigned, 'written', `下发督查通知书，要求${lead.unitName}限期落实整改，并将整改情况书面报区政府办公室。`);
  } else if (source && random() < 0.4) {
    add(assigned, 'written', `印发督办单，明确${lead.unitName}为牵头单位，按时限要求办理并反馈。`);
  }
  if (status === 'overdue') {
    const call = calendar.addDays(due, 1, 'workday');
    if (explained) {
      add(call, 'phone', `电话联系${lead.unitName}联络员${liaison}，了解延期申请所述困难，要求在申请期限内办结。`);
    } else {
      // Overdue without an explanation: 催办 (seed 二(一)), counted against the unit.
      add(call, 'phone', `电话联系${lead.unitName}联络员${liaison}，催报“${title}”办理情况。对方表示正在加快推进，近期报送。`, 'chase');
      const notice = calendar.addDays(due, between(random, 4, 7), 'workday');
      add(
        notice,
        'written',
        `发出催办通知，要求${lead.unitName}于${cnMonthDay(calendar.addDays(notice, 3, 'workday'))}前报送办理情况并书面说明逾期原因。`,
        'chase',
      );
    }
  }
  if (status === 'behind') {
    const passed = milestones.filter((m) => m.dueDate <= today);
    const m = passed[passed.length - 1];
    if (m) {
      const date = calendar.addDays(m.dueDate, between(random, 2, 8), 'workday');
      const onsite = random() < 0.5;
      add(
        date,
        onsite ? 'onsite' : 'written',
        onsite
          ? `会同区监察局赴现场督查“${title}”推进情况，进度低于“${m.label}”${m.plannedPercent}%的计划要求，要求${lead.unitName}制定赶超计划。`
          : `进度低于“${m.label}”${m.plannedPercent}%的计划要求，下发督查通知书，要求${lead.unitName}限期落实并跟踪督查。`,
      );
    }
  }
  if (status === 'due_soon' && random() < 0.6) {
    const remind = calendar.workdayOnOrAfter(addCalendarDays(today, -2));
    add(remind <= today ? remind : today, 'phone', `电话提醒${lead.unitName}联络员${liaison}：办理期限为${cnDate(due)}，请按时反馈。`);
  }
  return actions.sort((x, y) => (x.actionDate < y.actionDate ? -1 : x.actionDate > y.actionDate ? 1 : 0));
}

// ─── The workflow around the tasks: 督查通知书, 批评通报, 移送 ─────────────────────────────────────

/** The latest working day on or before `date`. */
function workdayOnOrBefore(calendar: WorkCalendar, date: string): string {
  let d = date;
  while (!calendar.isWorkday(d)) d = addCalendarDays(d, -1);
  return d;
}

/**
 * Items overdue for a while (at least 25 days) give the documents their subjects, one unit each: a 督查通知书
 * signed three weeks ago to the first two (one answers on time, the other not yet), a 批评通报 signed two weeks
 * ago to the third (its 整改报告 arrives late), and the unit chased most referred to 纪检监察. Without enough
 * such items (a demo loaded early in the year) the part that has none is left out.
 */
function planWorkflow(b: Builder, tasks: DemoTask[]): DemoWorkflow {
  const { calendar, today } = b;
  const seen = new Set<string>();
  const overdue: Array<{ index: number; unitName: string; task: DemoTask }> = [];
  tasks
    .map((task, index) => ({ task, index }))
    .filter(({ task }) => task.completedOn === null && task.dueDate <= addCalendarDays(today, -25))
    .sort((x, y) => x.task.dueDate.localeCompare(y.task.dueDate) || x.index - y.index)
    .forEach(({ task, index }) => {
      const unitName = task.units[0]!.unitName;
      if (seen.has(unitName)) return;
      seen.add(unitName);
      overdue.push({ index, unitName, task });
    });

  let notice: DemoWorkflow['notice'] = null;
  const [first, second, third] = overdue;
  if (first && second) {
    const signedOn = workdayOnOrBefore(calendar, addCalendarDays(today, -21));
    const deadline = calendar.workdayOnOrAfter(addCalendarDays(signedOn, 10));
    const answeredOn = workdayOnOrBefore(calendar, addCalendarDays(deadline, -1));
    if (deadline < today && answeredOn >= signedOn) {
      notice = { taskIndexes: [first.index, second.index], unitNames: [first.unitName, second.unitName], signedOn, deadline, answeredOn };
    }
  }

  let criticism: DemoWorkflow['criticism'] = null;
  const criticised = third ?? first;
  if (criticised) {
    const signedOn = workdayOnOrBefore(calendar, addCalendarDays(today, -14));
    const deadline = calendar.workdayOnOrAfter(addCalendarDays(signedOn, 5));
    const receivedOn = calendar.workdayOnOrAfter(addCalendarDays(deadline, 2));
    if (receivedOn <= today) {
      criticism = {
        taskIndex: criticised.index,
        unitName: criticised.unitName,
        signedOn,
        deadline,
        receivedOn,
        facts: `${criticised.unitName}承担的“${criticised.task.title}”，办理期限为${cnDate(criticised.task.dueDate)}，逾期未办结，经催办仍未报告反馈办理情况，也未说明原因。`,
      };
    }
  }

  // The unit chased on the most days, the earliest such item first.
  const chaseDays = (task: DemoTask) => new Set(task.actions.filter((a) => a.purpose === 'chase').map((a) => a.actionDate));
  const chased = tasks
    .map((task, index) => ({ task, index, days: [...chaseDays(task)].sort() }))
    .filter((c) => c.days.length >= 2)
    .sort((x, y) => y.days.length - x.days.length || x.task.dueDate.localeCompare(y.task.dueDate) || x.index - y.index)[0];
  let referral: DemoWorkflow['referral'] = null;
  if (chased) {
    const after = calendar.workdayOnOrAfter(addCalendarDays(chased.days[chased.days.length - 1]!, 3));
    referral = {
      taskIndex: chased.index,
      unitName: chased.task.units[0]!.unitName,
      referredOn: after <= today ? after : today,
      referredTo: '区纪委区监委',
      reason: `“${chased.task.title}”逾期未办结，经${chased.days.length}次催办仍未报告办理情况，也未说明原因，涉嫌失职。`,
    };
  }
  return { notice, criticism, referral };
}

/**
 * A synthetic ledger for `npm run bench`: by default 100,000 tasks, 300 units, 1,000,000 progress reports and
 * 20,000 documents with Chinese text, built from a seeded PRNG and cached at
 * `.cache/bench/ledger-<seed>-v<VERSION>-s<schema version>[-<tasks>].db` (rebuilt when missing; delete the file to rebuild).
 *
 * Speed: the rows are written with prepared statements in big transactions, not through db/repository.ts.
 * What the repository would produce is kept where the read figures depend on it:
 * - every sync column (created_at, updated_at, updated_hlc, updated_by, deleted_hlc) is set as insertRow sets it;
 * - the derived tables come from the schema's own definitions: the per-row triggers are dropped during the bulk
 *   load and recreated, then `task_search_refresh` (the one definition of what is searchable) fills the FTS
 *   index for every task, task_latest_progress is filled with migration 002's expression, task_unit_facts with
 *   migration 013's and task_behind_spans with migration 012's.
 * - change_log: by default only the 300 units are logged. With BENCH_CHANGELOG=1 every column of every row is
 *   logged, defaults included (≈ 20 M rows, several GB, much slower; insertRow leaves the defaults out). The read figures do not read change_log;
 *   the sync figure uses bench/sharing-sync.ts, whose ledgers are written through the repository.
 * Ids are UUID v7 made from the PRNG (deterministic per seed), time-ordered by creation time like newId().
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LATEST_SCHEMA_VERSION } from '../db/connection';
import { formatHlc } from '../db/hlc';
import { FILL_TASK_BEHIND_SPANS } from '../db/migrations/012_task_behind_spans';
import { FILL_TASK_UNIT_FACTS } from '../db/migrations/013_task_unit_facts_code';
import { closeAppContext, openAppContext } from '../electron/services/context';

/** Bump when the generated data changes: the cached file name carries it. */
export const SYNTHETIC_VERSION = 1;
export const DEFAULT_SEED = 20261126;
/** The fixed "today" of the synthetic ledger (and of every figure measured on it). */
export const SYNTHETIC_TODAY = new Date(2026, 10, 26, 9, 30);

export interface SyntheticSize {
  tasks: number;
  units: number;
  reports: number;
  documents: number;
}

export const FULL_SIZE: SyntheticSize = { tasks: 100_000, units: 300, reports: 1_000_000, documents: 20_000 };
export const QUICK_SIZE: SyntheticSize = { tasks: 10_000, units: 300, reports: 100_000, documents: 2_000 };

export interface SyntheticLedger {
  file: string;
  size: SyntheticSize;
  seed: number;
  /** ms spent generating, or null when the cached file was reused */
  generatedMs: number | null;
  /** terms for the search figures, by expected selectivity */
  searchTerms: { rare: string; medium: string; common: string };
}

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOWNS = ['百官', '曹娥', '东关', '道墟', '章镇', '上浦', '汤浦', '小越', '驿亭', '梁湖', '崧厦', '沥海', '谢塘', '盖北', '丰惠', '永和', '下管', '岭南', '陈溪', '长塘'];
const DEPARTMENTS = ['发改', '经信', '教育体育', '科技', '公安', '民政', '司法', '财政', '人力社保', '自然资源', '生态环境', '住建', '交通运输', '水利', '农业农村', '商务', '文化旅游', '卫生健康', '应急管理', '市场监管', '审计', '统计', '医保', '城管', '信访', '大数据', '综合执法', '投资促进', '退役军人事务', '林业'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '立明建国伟芳娜敏静丽强磊军洋勇艳杰娟涛超明霞平刚桂英华文辉力鹏飞宇浩然子轩雨欣晨阳';
const LEADERS = ['金立明', '王建华', '陈国平', '李海峰', '张晓燕', '徐志刚', '赵文军', '孙丽华'];
const VERBS = ['加快推进', '全力推进', '扎实推进', '统筹推进', '抓紧完成', '深入开展', '持续深化', '全面落实', '着力抓好', '稳步实施'];
const AREAS = [
  '老旧小区改造', '美丽乡村建设', '综合交通枢纽', '五水共治', '垃圾分类', '数字化改革', '营商环境优化', '招商引资', '小微企业园', '城中村改造',
  '农村公路提升', '中小学扩建', '医共体建设', '养老服务中心', '河道综合整治', '工业园区提质', '文旅融合发展', '安全生产专项整治', '森林防火', '征地拆迁',
];
const PROJECT_KINDS = ['工程', '项目', '改造工程', '提升工程', '示范区', '综合体', '专项行动'];
const SOURCE_REFS: Record<string, string[]> = {
  work_report: ['政府工作报告'],
  livelihood: ['民生实事项目'],
  meeting: ['区政府常务会议', '区长办公会议', '专题协调会'],
  project: ['重点建设项目计划'],
  special: ['安全生产专项督查', '环境整治专项督查', '营商环境专项督查'],
  instruction: ['区委书记批示', '区长批示', '市领导批示'],
};
const SOURCES = Object.keys(SOURCE_REFS);
const STAGES = ['前期准备', '方案设计', '招标采购', '施工建设', '收尾验收', '已完成', ''];
const DONE = [
  '已完成项目立项和可行性研究报告编制', '完成政策处理并签订征迁协议', '主体工程已开工建设，累计完成投资', '已召开专题协调会研究推进措施',
  '完成施工图设计并通过审查', '已完成招标并确定施工单位', '累计完成年度计划工作量', '完成现场踏勘和问题清单梳理', '组织相关部门开展联合检查',
  '已落实资金并拨付到位', '建立工作专班，明确责任分工', '完成村民代表会议表决', '已完成竣工验收准备工作', '按月报送进展情况，推进有序',
];
const PROBLEMS = ['', '', '政策处理难度较大，个别农户诉求较高', '资金缺口较大，需财政统筹', '受天气影响，施工进度滞后', '用地指标尚未落实', '审批手续办理周期较长', '部门协调机制有待完善'];
const NEXT = ['下一步将倒排工期，确保按期完成', '加强与相关部门对接，争取尽快解决', '继续做好政策处理和群众工作', '加快施工进度，力争提前完工', '按节点推进，及时报送进展', '组织开展验收并做好资料归档'];

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** UUID v7 from a millisecond and the PRNG (deterministic; time-ordered like db/ids.ts newId). */
function uuid7(ms: number, rand: () => number): string {
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0');
  const time = hex(ms, 12);
  const a = hex(rand() * 0x1000, 3);
  const b = hex(0x8000 | (rand() * 0x4000), 4);
  const c = hex(rand() * 2 ** 24, 6) + hex(rand() * 2 ** 24, 6);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${a}-${b}-${c}`;
}

const TRIGGERS_OFF_DURING_LOAD = [
  'tasks_search_ai',
  'progress_reports_search_ai',
  'task_latest_progress_report_ai',
  'task_latest_progress_unit_ai',
  'task_unit_facts_link_ai',
  'task_unit_facts_task_ai',
  'task_behind_spans_milestone_ai',
  'task_behind_spans_task_ai',
];

/**
 * Migration 002's expression of a task's latest percentage (kept in step with db/migrations/002_task_latest_progress.ts),
 * for every task at once. The unary `+` only stops SQLite from looking the lead link up through
 * task_units_unit_role (unit_id, role): without statistics it prefers that index (two equalities) to
 * task_units_task_id, and then reads all of a unit's lead links for every report — minutes at 1 M reports.
 * The same plan runs in the migration's per-insert trigger (a few thousand rows per new report at this size).
 */
const FILL_LATEST_PROGRESS = `
INSERT OR REPLACE INTO task_latest_progress (task_id, latest_percent, latest_report_date)
SELECT t.id,
  (SELECT p.percent FROM progress_reports p
    WHERE p.task_id = t.id AND p.deleted_hlc IS NULL AND p.percent IS NOT NULL
    ORDER BY EXISTS (
      SELECT 1 FROM task_units lu
       WHERE lu.task_id = p.task_id AND +lu.unit_id = p.unit_id AND +lu.role = 'lead' AND lu.deleted_hlc IS NULL
    ) DESC, p.report_date DESC, p.created_at DESC, p.id DESC
    LIMIT 1),
  (SELECT max(p.report_date) FROM progress_reports p WHERE p.task_id = t.id AND p.deleted_hlc IS NULL)
FROM tasks t`;

export function syntheticLedgerPath(seed: number, size: SyntheticSize): string {
  const suffix = size.tasks === FULL_SIZE.tasks ? '' : `-${size.tasks}`;
  // The schema version is part of the name: a ledger built before a new migration would be upgraded (and
  // backed up) by the first open, which the "open" figure must not include.
  return path.resolve('.cache', 'bench', `ledger-${seed}-v${SYNTHETIC_VERSION}-s${LATEST_SCHEMA_VERSION}${suffix}.db`);
}

const SEARCH_TERMS = { rare: `${TOWNS[3]}${AREAS[7]}`, medium: AREAS[0]!, common: '政策处理' };

/** The cached synthetic ledger for this seed and size, built first when missing. */
export async function syntheticLedger(seed: number = DEFAULT_SEED, size: SyntheticSize = FULL_SIZE, log: (line: string) => void = console.log): Promise<SyntheticLedger> {
  const file = syntheticLedgerPath(seed, size);
  if (existsSync(file)) return { file, size, seed, generatedMs: null, searchTerms: SEARCH_TERMS };
  const start = performance.now();
  const older = olderSchemaCopy(file);
  if (older) {
    // Same seed and generator, older schema: a copy upgraded by the app's own migrations gives the same rows
    // as a rebuild (the migrations are what a user's ledger goes through) in a fraction of the time.
    log(`  升级缓存的台账：${path.basename(older)} → ${path.basename(file)}`);
    const upgrading = `${file}.upgrading-${process.pid}.db`;
    copyFileSync(older, upgrading);
    // The pre-migration backup is a second copy of the old cache: made in a folder removed right after.
    const backupDir = `${upgrading}.backups`;
    const ctx = openAppContext({ file: upgrading, now: () => SYNTHETIC_TODAY, backupDir });
    await closeAppContext(ctx);
    rmSync(backupDir, { recursive: true, force: true });
    for (const suffix of ['-wal', '-shm']) rmSync(upgrading + suffix, { force: true });
    renameSync(upgrading, file);
    return { file, size, seed, generatedMs: performance.now() - start, searchTerms: SEARCH_TERMS };
  }
  await generate(file, seed, size, log);
  return { file, size, seed, generatedMs: performance.now() - start, searchTerms: SEARCH_TERMS };
}

/** The newest cached ledger of the same seed, generator and size built for an older schema, if any. */
function olderSchemaCopy(file: string): string | null {
  const match = /-s(\d+)((?:-\d+)?\.db)$/.exec(file);
  if (!match) return null;
  for (let version = Number(match[1]) - 1; version >= 1; version--) {
    const candidate = file.slice(0, match.index) + `-s${version}${match[2]}`;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

async function generate(file: string, seed: number, size: SyntheticSize, log: (line: string) => void): Promise<void> {
  const building = `${file}.building-${process.pid}.db`;
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
  const started = performance.now();
  const step = (what: string) => log(`  生成：${what}（${((performance.now() - started) / 1000).toFixed(1)} s）`);
  const ctx = openAppContext({ file: building, now: () => SYNTHETIC_TODAY, backupDir: path.join(path.dirname(file), 'backups') });
  const sqlite = ctx.ledger.sqlite;
  const deviceId = ctx.write.deviceId;
  const operator = '张三';
  const updatedBy = `${deviceId}:${operator}`;
  const withChangeLog = process.env.BENCH_CHANGELOG === '1';
  const rand = prng(seed);
  const todayMs = Date.UTC(2026, 10, 26);
  let counter = 0;
  const stamp = (ms: number) => formatHlc(ms, counter++ % 1_000_000, deviceId);

  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  const triggers = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${TRIGGERS_OFF_DURING_LOAD.map(() => '?').join(',')})`)
    .all(...TRIGGERS_OFF_DURING_LOAD) as { name: string; sql: string }[];
  for (const t of triggers) sqlite.exec(`DROP TRIGGER ${t.name}`);

  const logStmt = sqlite.prepare('INSERT INTO change_log (id, table_name, row_id, column_name, value, hlc, device_id, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const UNLOGGED = new Set(['id', 'updated_at', 'updated_hlc', 'updated_by']);
  const inserters = new Map<string, (row: Record<string, string | number | null>) => void>();
  /** Inserts a row with its sync columns as insertRow sets them (and, when asked for, its change_log rows). */
  function insert(table: string, ms: number, row: Record<string, string | number | null>, logIt = withChangeLog): string {
    const id = uuid7(ms, rand);
    const hlc = stamp(ms);
    const iso = new Date(ms).toISOString();
    const full = { id, created_at: iso, updated_at: iso, updated_hlc: hlc, updated_by: updatedBy, deleted_hlc: null, ...row };
    let run = inserters.get(table);
    if (!run) {
      const columns = Object.keys(full);
      const stmt = sqlite.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
      run = (r) => stmt.run(r);
      inserters.set(table, run);
    }
    run(full);
    if (logIt) {
      for (const [column, value] of Object.entries(full)) {
        if (!UNLOGGED.has(column)) logStmt.run(uuid7(ms, rand), table, id, column, JSON.stringify(value), hlc, deviceId, operator);
      }
    }
    return id;
  }

  // Units: 20 towns/subdistricts + departments + others up to size.units.
  const unitIds: string[] = [];
  const unitNames: string[] = [];
  sqlite.transaction(() => {
    for (let i = 0; i < size.units; i += 1) {
      const name =
        i < TOWNS.length
          ? `${TOWNS[i]}${i < 4 ? '街道' : '镇'}`
          : i < TOWNS.length + DEPARTMENTS.length
            ? `区${DEPARTMENTS[i - TOWNS.length]}局`
            : `区${pick(rand, DEPARTMENTS)}${pick(rand, ['中心', '服务中心', '管理处', '发展公司', '指挥部'])}${i}`;
      const person = () => `${pick(rand, [...SURNAMES])}${pick(rand, [...GIVEN])}${rand() < 0.5 ? pick(rand, [...GIVEN]) : ''}`;
      const phone = () => `0575-82${String(between(rand, 0, 999_999)).padStart(6, '0')}`;
      unitIds.push(
        insert(
          'units',
          Date.UTC(2016, 0, 4) + i * 1000,
          {
            name,
            short_name: name.replace(/^区|局$|街道$|镇$/g, ''),
            kind: i < 4 ? 'subdistrict' : i < TOWNS.length ? 'township' : i < TOWNS.length + DEPARTMENTS.length ? 'department' : 'other',
            leader_name: person(),
            leader_phone: phone(),
            director_name: person(),
            director_phone: phone(),
            liaison_name: person(),
            liaison_phone: phone(),
            sort_order: i,
            active: 1,
          },
          true,
        ),
      );
      unitNames.push(name);
    }
  })();
  step(`${size.units} 个单位`);

  // Tasks with their units, milestones and reports; in batches of 5,000 tasks per transaction.
  const reportsPerTask = size.reports / size.tasks;
  const BATCH = 5000;
  let reportCount = 0;
  const taskIds: string[] = [];
  const overdueByUnit = new Map<string, string[]>();
  for (let startAt = 0; startAt < size.tasks; startAt += BATCH) {
    sqlite.transaction(() => {
      for (let i = startAt; i < Math.min(size.tasks, startAt + BATCH); i += 1) {
        // Years 2017–2026, more tasks in recent years; created in assignment order.
        const year = 2017 + Math.min(9, Math.floor(Math.sqrt(rand()) * 10));
        const assignedMs = Date.UTC(year, 0, 5) + between(rand, 0, year === 2026 ? 320 : 300) * DAY;
        const dueMs = assignedMs + between(rand, 15, 330) * DAY;
        const source = pick(rand, SOURCES);
        const area = pick(rand, AREAS);
        const town = pick(rand, TOWNS);
        const project = `${town}${area}${pick(rand, PROJECT_KINDS)}`;
        const rhythm = pick(rand, ['deadline', 'deadline', 'quarterly', 'monthly', 'half_yearly']);
        const done = dueMs < todayMs ? rand() < 0.85 : rand() < 0.15;
        const completedMs = done ? Math.min(todayMs - DAY, dueMs + between(rand, -60, 20) * DAY) : null;
        const taskId = insert('tasks', assignedMs + (i % 1000), {
          year,
          source,
          code: source === 'meeting' ? `会${year}-${between(rand, 1, 40)}-${between(rand, 1, 12)}` : String((i % 400) + 1),
          title: `${pick(rand, VERBS)}${project}`,
          content: `${project}要求${isoDate(dueMs)}前完成，${pick(rand, ['确保按期保质完成', '每月报送进展情况', '形成书面报告报区政府办', '加强要素保障'])}。`,
          source_ref: `${year}年${pick(rand, SOURCE_REFS[source]!)}`,
          source_date: isoDate(assignedMs - between(rand, 1, 10) * DAY),
          leader: pick(rand, LEADERS),
          assigned_date: isoDate(assignedMs),
          time_limit_value: null,
          time_limit_unit: null,
          due_date: isoDate(dueMs),
          rhythm,
          parent_id: null,
          completed_on: completedMs === null ? null : isoDate(Math.max(assignedMs, completedMs)),
          note: rand() < 0.1 ? '需区领导协调' : '',
        });
        taskIds.push(taskId);
        // 1 lead unit (a town 40 %), 0–2 assisting units.
        const lead = rand() < 0.4 ? between(rand, 0, TOWNS.length - 1) : between(rand, 0, size.units - 1);
        const units = [lead];
        const assisting = between(rand, 0, 2);
        for (let k = 0; k < assisting; k += 1) {
          const u = between(rand, 0, size.units - 1);
          if (!units.includes(u)) units.push(u);
        }
        units.forEach((u, k) =>
          insert('task_units', assignedMs + (i % 1000) + 1 + k, {
            task_id: taskId,
            unit_id: unitIds[u]!,
            role: k === 0 ? 'lead' : 'assist',
            contact_person: '',
            contact_phone: '',
            completed_on: null,
          }),
        );
        if (!done && dueMs < todayMs) {
          const list = overdueByUnit.get(unitIds[lead]!) ?? [];
          list.push(taskId);
          overdueByUnit.set(unitIds[lead]!, list);
        }
        if (rhythm === 'quarterly' || rhythm === 'half_yearly') {
          const steps = rhythm === 'quarterly' ? 4 : 2;
          for (let k = 1; k <= steps; k += 1) {
            insert('milestones', assignedMs + 10 + k, {
              task_id: taskId,
              label: rhythm === 'quarterly' ? ['一季度', '二季度', '三季度', '四季度'][k - 1]! : k === 1 ? '上半年' : '下半年',
              due_date: isoDate(assignedMs + ((dueMs - assignedMs) * k) / steps),
              planned_percent: Math.round((100 * k) / steps),
              description: '',
            });
          }
        }
        // Reports: on average reportsPerTask per task, spread from assignment to min(due/completion, today).
        const n = Math.round(rand() * 2 * reportsPerTask);
        const endMs = Math.min(completedMs ?? dueMs, todayMs);
        let percent = 0;
        for (let k = 0; k < n && reportCount < size.reports; k += 1) {
          const reportMs = assignedMs + Math.floor(((endMs - assignedMs) * (k + 1)) / (n + 1));
          percent = Math.min(100, percent + between(rand, 0, Math.ceil(200 / (n + 1))));
          const unitIndex = units[rand() < 0.7 ? 0 : between(rand, 0, units.length - 1)]!;
          insert('progress_reports', reportMs + 3600_000, {
            task_id: taskId,
            unit_id: unitIds[unitIndex]!,
            period: isoDate(reportMs).slice(0, 7),
            report_date: isoDate(reportMs),
            percent: rand() < 0.9 ? percent : null,
            stage: pick(rand, STAGES),
            done_text: `${pick(rand, DONE)}；${pick(rand, DONE)}。`,
            problems: pick(rand, PROBLEMS),
            next_steps: pick(rand, NEXT),
            no_change: rand() < 0.05 ? 1 : 0,
            reporter: `${unitNames[unitIndex]}联络员`,
          });
          reportCount += 1;
        }
      }
    })();
    if ((startAt / BATCH) % 4 === 3) step(`${Math.min(size.tasks, startAt + BATCH)} 项事项，${reportCount} 条进展`);
  }
  // Top up to exactly size.reports on random tasks (the per-task draw is random).
  const leadOf = sqlite.prepare("SELECT unit_id, (SELECT assigned_date FROM tasks WHERE id = ?) AS d FROM task_units WHERE task_id = ? AND role = 'lead'");
  sqlite.transaction(() => {
    while (reportCount < size.reports) {
      const taskId = taskIds[between(rand, 0, taskIds.length - 1)]!;
      const link = leadOf.get(taskId, taskId) as { unit_id: string; d: string };
      const reportMs = Math.min(todayMs, Date.parse(link.d) + between(rand, 5, 200) * DAY);
      insert('progress_reports', reportMs + 7200_000, {
        task_id: taskId,
        unit_id: link.unit_id,
        period: isoDate(reportMs).slice(0, 7),
        report_date: isoDate(reportMs),
        percent: null,
        stage: pick(rand, STAGES),
        done_text: `${pick(rand, DONE)}。`,
        problems: pick(rand, PROBLEMS),
        next_steps: pick(rand, NEXT),
        no_change: 0,
        reporter: '联络员',
      });
      reportCount += 1;
    }
  })();
  step(`${size.tasks} 项事项，${reportCount} 条进展`);

  // Documents: 督查通知书 / 催办通知, most signed and numbered, with a stored model of a few paragraphs.
  const docTypes = ['supervision_notice', 'urge_notice'];
  const seqByYear = new Map<number, number>();
  sqlite.transaction(() => {
    for (let i = 0; i < size.documents; i += 1) {
      const unitIndex = between(rand, 0, size.units - 1);
      const unitId = unitIds[unitIndex]!;
      const tasksOfUnit = (overdueByUnit.get(unitId) ?? []).slice(0, 5);
      const ms = Date.UTC(2017, 0, 10) + Math.floor((i / size.documents) * (todayMs - Date.UTC(2017, 0, 10)));
      const year = new Date(ms).getUTCFullYear();
      const signed = rand() < 0.8;
      const seq = signed ? (seqByYear.get(year) ?? 0) + 1 : null;
      if (seq !== null) seqByYear.set(year, seq);
      const type = pick(rand, docTypes);
      const title = `关于${unitNames[unitIndex]}${pick(rand, AREAS)}工作推进情况的${type === 'urge_notice' ? '催办通知' : '督查通知书'}`;
      const paragraphs = Array.from({ length: between(rand, 4, 10) }, () => `${pick(rand, DONE)}，${pick(rand, PROBLEMS) || '总体推进有序'}。${pick(rand, NEXT)}。`);
      insert('documents', ms, {
        type,
        year,
        number_prefix: signed ? '虞政办督' : null,
        seq,
        number: signed ? `虞政办督〔${year}〕${seq}号` : null,
        status: signed ? 'signed' : rand() < 0.5 ? 'draft' : 'cancelled',
        title,
        recipients: JSON.stringify([unitNames[unitIndex]]),
        unit_ids: JSON.stringify([unitId]),
        task_ids: JSON.stringify(tasksOfUnit),
        request: JSON.stringify({ type, unitIds: [unitId], taskIds: tasksOfUnit, deadline: isoDate(ms + 10 * DAY), basis: '' }),
        model: JSON.stringify({ title, recipients: [unitNames[unitIndex]], body: paragraphs, issuer: '上虞区人民政府办公室', date: isoDate(ms) }),
        file_stem: `${type === 'urge_notice' ? '催办通知' : '督查通知书'}-${unitNames[unitIndex]}-${isoDate(ms)}`,
        drafter: operator,
        drafted_at: new Date(ms).toISOString(),
        submitted_at: signed ? new Date(ms + DAY).toISOString() : null,
        signer: signed ? pick(rand, LEADERS) : null,
        signed_on: signed ? isoDate(ms + 2 * DAY) : null,
        supersedes_id: null,
        cancelled_reason: null,
        cancelled_at: null,
      });
    }
  })();
  step(`${size.documents} 份公文`);

  for (const t of triggers) sqlite.exec(t.sql);
  sqlite.transaction(() => sqlite.exec(FILL_LATEST_PROGRESS))();
  step('task_latest_progress');
  sqlite.transaction(() => sqlite.exec(FILL_TASK_UNIT_FACTS))();
  step('task_unit_facts');
  sqlite.transaction(() => sqlite.exec(FILL_TASK_BEHIND_SPANS))();
  step('task_behind_spans');
  sqlite.transaction(() => sqlite.exec('INSERT INTO task_search_refresh (task_id) SELECT id FROM tasks'))();
  step('全文索引');
  sqlite.pragma('synchronous = FULL');
  ctx.write.operator = operator;
  await closeAppContext(ctx);
  for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
  renameSync(building, file);
  step(`完成：${file}`);
}

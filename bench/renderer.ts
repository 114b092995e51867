/**
 * The renderer at scale (issue 8): the real renderer bundle (out/renderer) in Debian's Chromium, over the real
 * services and a COPY of the cached synthetic ledger, through the e2e harness (tests/support/browser-session.ts).
 *
 *   npm run bench:renderer            100,000 tasks (BENCH_QUICK=1: 10,000)
 *
 * Measured in the page (performance.now / requestAnimationFrame, so the Node side's own pauses do not count):
 * 1. 点击「督查台账」→ first data row in the DOM and the frame that paints it; the bytes of each tasks.list
 *    answer and the rows the DOM holds;
 * 2. frame times while the grid scrolls steadily (pages fetched as it goes), and after jumps far down the
 *    scrollbar (rows 25 % … 100 % of the ledger);
 * 3. a status filter (逾期) and two sorts (事项名称, 状态): click → the new rows painted, with the frames meanwhile.
 * It asserts nothing (a benchmark); it prints a Chinese table like bench/run.ts and returns figures in its shape.
 * Env: BENCH_QUICK, BENCH_SEED, BENCH_RENDERER_RUNS (runs per interaction, default 5 / 3 at full size),
 * BENCH_OUT (write the figures there as JSON when run alone), BENCH_BUILD=0 (never rebuild out/).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page, Request, Response } from 'playwright-core';
import type { AppInfo } from '../electron/contract/types';
import { openBrowserSession, type BrowserSession } from '../tests/support/browser-session';
import { DEFAULT_SEED, FULL_SIZE, QUICK_SIZE, SYNTHETIC_TODAY, syntheticLedger } from './synthetic-ledger';
import { round, stats, type Figure } from './figure';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** the synthetic ledger's fixed today, as the bridge's clock wants it */
const TODAY = `${SYNTHETIC_TODAY.getFullYear()}-${String(SYNTHETIC_TODAY.getMonth() + 1).padStart(2, '0')}-${String(SYNTHETIC_TODAY.getDate()).padStart(2, '0')}`;
/** one frame at 60 Hz (16.7 ms) plus the jitter of frame timestamps: the frame budget of smooth scrolling */
const FRAME_BUDGET_MS = 17;
/** RAIL's "keeps the user's flow": from a click to the rows it asked for (not a figure of the issue's table) */
const RESPONSE_BUDGET_MS = 1000;
/** a frame this long is a visible stutter (RAIL's long task) */
const LONG_FRAME_MS = 50;

/** bench/run.ts's Figure, plus what only the renderer has. */
export interface RendererFigure extends Figure {
  unit: 'ms';
  /** frames longer than 50 ms while it was measured */
  longFrames?: number;
  /** bytes of one tasks.list answer (JSON over the bridge; IPC's structured clone is of the same order) */
  payloadBytes?: number;
  /** most rows a single tasks.list asked for, and most rows the grid held in the DOM */
  maxRowsRequested?: number;
  maxDomRows?: number;
}

export interface RendererOptions {
  quick?: boolean;
  seed?: number;
  /** runs of each interaction (first rows, jumps, filter, sorts) */
  runs?: number;
  log?: (line: string) => void;
}

// ——— what runs in the page ———

/**
 * Installed before the app's own scripts. `arm(condition)` starts watching for the rows an action asks for: the
 * action's start is the next pointerdown (or `startNow()` for a scroll set from here), `domAt` the first DOM
 * mutation after which the condition holds, `paintAt` the first animation frame in which it holds (the rows are in
 * that frame). `frames()` records requestAnimationFrame intervals until `stopFrames()`, sampling the grid each frame.
 * Written as plain JS: the Node-side tsconfig has no DOM types.
 */
const PAGE_PROBE = `(() => {
  const grid = () => document.querySelector('[data-testid="ledger-table"]');
  const rows = () => Array.from(document.querySelectorAll('[data-testid="ledger-row"]'));
  /** a loading (skeleton) row inside the grid's visible area */
  const skeletonVisible = () => {
    const g = grid();
    if (!g) return true;
    const box = g.getBoundingClientRect();
    for (const s of g.querySelectorAll('.vt-skeleton')) {
      const r = s.getBoundingClientRect();
      if (r.bottom > box.top + 36 && r.top < box.bottom) return true;
    }
    return false;
  };
  /** a data row inside the grid's visible area (after a jump, the old rows are still in the DOM for a frame) */
  const rowVisible = () => {
    const g = grid();
    if (!g) return false;
    const box = g.getBoundingClientRect();
    return rows().some((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > box.top + 36 && r.top < box.bottom;
    });
  };
  const conditions = {
    firstRow: () => rows().length > 0,
    settled: () => rowVisible() && !skeletonVisible(),
    statuses: (arg) => {
      const r = rows();
      return r.length > 0 && !skeletonVisible() && r.every((el) => arg.includes(el.getAttribute('data-status')));
    },
    firstRowChanged: (arg) => {
      const r = rows();
      return r.length > 0 && !skeletonVisible() && r[0].getAttribute('data-task-id') !== arg;
    },
  };
  let watch = null;
  let observer = null;
  const check = (field, at) => {
    if (!watch || watch[field] !== null || watch.startAt === null) return;
    if (conditions[watch.condition](watch.arg)) watch[field] = at;
  };
  // performance.now(), not the callback's frame time: a frame that began before a long task runs its callbacks after it
  const onFrame = () => {
    if (!watch) return;
    check('paintAt', performance.now());
    if (watch.paintAt === null) requestAnimationFrame(onFrame);
  };
  window.addEventListener('pointerdown', (e) => {
    if (watch && watch.startAt === null) watch.startAt = e.timeStamp;
  }, true);
  let recording = null;
  // each loop stops when its own recording ends: a new recording started within the same frame gets a new loop
  const frameLoop = (mine) => (t) => {
    if (recording !== mine) return;
    if (recording.last !== null) recording.deltas.push(t - recording.last);
    recording.last = t;
    const g = grid();
    recording.maxDomRows = Math.max(recording.maxDomRows, g ? g.querySelectorAll('.vt-row').length : 0);
    if (skeletonVisible()) recording.skeletonFrames += 1;
    if (recording.step) {
      g.scrollTop += recording.step;
      recording.steps -= 1;
      if (recording.steps <= 0) recording.step = 0;
    }
    requestAnimationFrame(frameLoop(mine));
  };
  window.__bench = {
    arm(condition, arg) {
      observer?.disconnect();
      watch = { condition, arg: arg ?? null, startAt: null, domAt: null, paintAt: null };
      performance.clearResourceTimings();
      observer = new MutationObserver(() => check('domAt', performance.now()));
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-status', 'data-task-id', 'class'] });
      requestAnimationFrame(onFrame);
    },
    startNow() {
      watch.startAt = performance.now();
    },
    result() {
      if (!watch || watch.paintAt === null) return null;
      observer?.disconnect();
      // the condition may already hold at the start (no mutation after it): then the DOM was ready at the frame
      // the service call it made: when the request left and its answer arrived, from the start
      // the service calls it made: when the first request left and the last answer (before the paint) arrived
      const calls = performance.getEntriesByType('resource').filter((e) => e.name.includes('/__api/tasks.list') && e.startTime >= watch.startAt && e.responseEnd <= watch.paintAt);
      return {
        domMs: (watch.domAt ?? watch.paintAt) - watch.startAt,
        paintMs: watch.paintAt - watch.startAt,
        requestMs: calls.length ? calls[0].startTime - watch.startAt : null,
        answerMs: calls.length ? Math.max(...calls.map((e) => e.responseEnd)) - watch.startAt : null,
        calls: calls.length,
      };
    },
    startFrames(step, steps) {
      recording = { last: null, deltas: [], maxDomRows: 0, skeletonFrames: 0, step: step ?? 0, steps: steps ?? 0 };
      requestAnimationFrame(frameLoop(recording));
    },
    scrolling() {
      return recording !== null && recording.step !== 0;
    },
    stopFrames() {
      const r = recording;
      recording = null;
      return { deltas: r.deltas, maxDomRows: r.maxDomRows, skeletonFrames: r.skeletonFrames };
    },
    jump(fraction) {
      const g = grid();
      g.scrollTop = Math.floor((g.scrollHeight - g.clientHeight) * fraction);
      watch.startAt = performance.now();
    },
    firstRowId() {
      return rows()[0]?.getAttribute('data-task-id') ?? null;
    },
    dom() {
      const g = grid();
      return {
        rows: rows().length,
        gridRows: g ? g.querySelectorAll('.vt-row').length : 0,
        elements: document.getElementsByTagName('*').length,
        heapMB: performance.memory ? performance.memory.usedJSHeapSize / 1048576 : null,
      };
    },
  };
})();`;

interface Timing {
  domMs: number;
  paintMs: number;
  /** from the start to the tasks.list request leaving the page, and to its answer arriving (null: no request) */
  requestMs: number | null;
  answerMs: number | null;
  /** tasks.list calls answered before the paint */
  calls: number;
}
interface FrameRecord {
  deltas: number[];
  maxDomRows: number;
  skeletonFrames: number;
}
interface DomCount {
  rows: number;
  gridRows: number;
  elements: number;
  heapMB: number | null;
}
/** The page's probe, typed for page.evaluate (its body runs in the page). */
interface Probe {
  arm(condition: 'firstRow' | 'settled' | 'statuses' | 'firstRowChanged', arg?: unknown): void;
  startNow(): void;
  result(): Timing | null;
  startFrames(step?: number, steps?: number): void;
  scrolling(): boolean;
  stopFrames(): FrameRecord;
  jump(fraction: number): void;
  firstRowId(): string | null;
  dom(): DomCount;
}
/** Calls the page's probe (page.evaluate sends the function's text: it can only use the page's globals). */
function inPage<K extends keyof Probe>(page: Page, method: K, ...args: Parameters<Probe[K]>): Promise<ReturnType<Probe[K]>> {
  return page.evaluate(
    ({ method, args }) => (globalThis as unknown as { __bench: Record<string, (...a: unknown[]) => unknown> }).__bench[method]!(...args),
    { method, args: args as unknown[] },
  ) as Promise<ReturnType<Probe[K]>>;
}

// ——— the tasks.list answers, as the page receives them ———

interface ListCall {
  offset: number;
  limit: number;
  bytes: number;
  statuses: string[];
}

/** The tasks.list answers the page receives, and whether any service call is still in flight. */
function watchApi(page: Page): { calls: ListCall[]; settle(): Promise<void>; quiet(): Promise<void> } {
  const calls: ListCall[] = [];
  const pending: Promise<void>[] = [];
  let inflight = 0;
  let lastDone = performance.now();
  const isApi = (request: Request) => new URL(request.url()).pathname.startsWith('/__api/');
  page.on('request', (request) => {
    if (isApi(request)) inflight += 1;
  });
  const done = (request: Request) => {
    if (!isApi(request)) return;
    inflight -= 1;
    lastDone = performance.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  page.on('response', (response: Response) => {
    if (!response.url().includes('/__api/tasks.list')) return;
    pending.push(
      response.body().then(
        (body) => {
          const input = JSON.parse(response.request().postData() ?? '{}') as { offset?: number; limit?: number; statuses?: string[] };
          calls.push({ offset: input.offset ?? 0, limit: input.limit ?? 0, bytes: body.length, statuses: input.statuses ?? [] });
        },
        () => undefined,
      ),
    );
  });
  return {
    calls,
    async settle() {
      await Promise.all(pending.splice(0));
    },
    /** no service call in flight for 300 ms (Playwright's networkidle only follows navigations) */
    async quiet() {
      for (;;) {
        if (inflight === 0 && performance.now() - lastDone >= 300) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

const longFramesOf = (deltas: readonly number[]) => deltas.filter((d) => d > LONG_FRAME_MS).length;
const msOrDash = (ms: number | null) => (ms === null ? '—' : `${ms.toFixed(0)} ms`);
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function figureOf(name: string, size: string, values: readonly number[], budget: number, extra: Partial<RendererFigure> = {}): RendererFigure {
  const s = stats(values);
  return {
    name,
    size,
    runs: values.length,
    medianMs: round(s.median),
    p95Ms: s.p95 === null ? null : round(s.p95),
    minMs: round(s.min),
    maxMs: round(s.max),
    budget,
    unit: 'ms',
    ok: s.median <= budget,
    ...extra,
  };
}

function frameNote(deltas: readonly number[]): string {
  const s = stats(deltas);
  return `帧时间中位数 ${s.median.toFixed(1)} ms、p95 ${(s.p95 ?? s.max).toFixed(1)} ms、最长 ${s.max.toFixed(0)} ms，超过 ${LONG_FRAME_MS} ms 的帧 ${longFramesOf(deltas)} 个（共 ${deltas.length} 帧）`;
}

// ——— the build ———

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** out/renderer rebuilt when a source of the renderer bundle is newer than it (or it is missing). */
function ensureRendererBuilt(log: (line: string) => void): void {
  const built = path.join(ROOT, 'out/renderer/index.html');
  let builtAt = 0;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    builtAt = 0;
  }
  // the renderer bundles renderer/ and the shared contract (electron/contract); the config decides the rest
  const sources = Math.max(newestMtime(path.join(ROOT, 'renderer')), newestMtime(path.join(ROOT, 'electron/contract')), statSync(path.join(ROOT, 'electron.vite.config.ts')).mtimeMs);
  if (builtAt >= sources) return;
  if (process.env.BENCH_BUILD === '0') {
    log(builtAt === 0 ? '找不到 out/renderer，且 BENCH_BUILD=0：无法测量界面' : '注意：out/renderer 比源代码旧（BENCH_BUILD=0，不重新构建）');
    if (builtAt === 0) throw new Error('找不到 out/renderer：请先运行 npx electron-vite build');
    return;
  }
  log(builtAt === 0 ? '构建界面（npx electron-vite build）……' : 'out/renderer 比源代码旧：重新构建（npx electron-vite build）……');
  const started = performance.now();
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`构建界面失败：${(build.stderr || build.stdout).slice(-2000)}`);
  log(`  构建用时 ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// ——— the measurements ———

/** Waits until the page's armed condition holds (painted), then returns its timings. */
async function armedResult(page: Page, what: string): Promise<Timing> {
  const handle = await page.waitForFunction(() => (globalThis as unknown as { __bench: Probe }).__bench.result(), undefined, { timeout: 300_000, polling: 50 }).catch((err: unknown) => {
    throw new Error(`等待「${what}」超时：${String(err)}`);
  });
  return (await handle.jsonValue()) as Timing;
}

/** The app's first screen (工作台) loaded and quiet, so that nothing else competes with what is measured. */
async function openApp(page: Page, url: string, reload: boolean, quiet: () => Promise<void>): Promise<void> {
  if (reload) await page.reload();
  else await page.goto(url);
  await page.getByTestId('dashboard').waitFor({ timeout: 300_000 });
  await page.waitForLoadState('networkidle', { timeout: 300_000 });
  await quiet();
}

async function measureInSession(session: BrowserSession, sizeLabel: string, runs: number, log: (line: string) => void): Promise<RendererFigure[]> {
  const { page } = session;
  const figures: RendererFigure[] = [];
  const list = watchApi(page);
  const maxLimit = () => Math.max(0, ...list.calls.map((c) => c.limit));
  await page.context().addInitScript(PAGE_PROBE);

  // 1. time to first rows: 工作台 loaded, click 督查台账 (the ledger page mounts on its first visit: a reload each run)
  log('\n台账首屏（点击「督查台账」到第一行数据）');
  const firstRows: Timing[] = [];
  let firstPayload = 0;
  let dom: DomCount | null = null;
  for (let run = 0; run < runs; run += 1) {
    await openApp(page, session.bridge.url, run > 0, list.quiet);
    list.calls.length = 0;
    await inPage(page, 'arm', 'firstRow');
    await page.getByTestId('nav-menu').getByText('督查台账').click();
    firstRows.push(await armedResult(page, '台账第一行'));
    await list.quiet();
    await list.settle();
    firstPayload = list.calls[0]?.bytes ?? 0;
    dom = await inPage(page, 'dom');
    const t = firstRows[run]!;
    log(`  第 ${run + 1} 次：绘制 ${t.paintMs.toFixed(0)} ms（请求发出 ${msOrDash(t.requestMs)}，应答到达 ${msOrDash(t.answerMs)}，进入 DOM ${t.domMs.toFixed(0)} ms）；tasks.list ${list.calls.length} 次（每次 ≤ ${maxLimit()} 行），首个应答 ${kb(firstPayload)}`);
  }
  const medianOf = (pick: (t: Timing) => number | null) => {
    const values = firstRows.map(pick).filter((v): v is number => v !== null);
    return values.length ? `${stats(values).median.toFixed(0)} ms` : '—';
  };
  const yearTotal = Number((await page.getByTestId('ledger-total').getAttribute('data-total')) ?? 0);
  figures.push(
    figureOf('界面：点击「督查台账」到第一行数据绘出', sizeLabel, firstRows.map((t) => t.paintMs), RESPONSE_BUDGET_MS, {
      note: `中位数：点击后 ${medianOf((t) => t.requestMs)} 发出 tasks.list（挂载台账页），${medianOf((t) => t.answerMs)} 应答到达，${medianOf((t) => t.domMs)} 第一行进入 DOM；默认视图（本年度）${yearTotal} 项，tasks.list 每次 ≤ ${maxLimit()} 行、一页应答 ${kb(firstPayload)}；DOM 中 ${dom?.rows ?? 0} 行、全页 ${dom?.elements ?? 0} 个元素`,
      payloadBytes: firstPayload,
      maxRowsRequested: maxLimit(),
      maxDomRows: dom?.gridRows ?? 0,
    }),
  );

  // 2a. frames with nothing to do (what this machine's Chromium manages at all), then steady scrolling: 3 rows a
  // frame (≈ 6,500 px/s, a fast mouse wheel) down, crossing pages as it goes, and back up over the rows it holds.
  // The main thread's busy time (script, style, layout) from the DevTools protocol tells where a slow frame went;
  // painting and rasterising (software, --disable-gpu) happen on other threads and are not in it.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const mainThread = async () => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    const of = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
    return { script: of('ScriptDuration'), style: of('RecalcStyleDuration'), layout: of('LayoutDuration'), task: of('TaskDuration') };
  };
  /** frames recorded while the page scrolls `steps` frames by `step` px (step 0: stands still for 2 s) */
  const scrollPass = async (step: number, steps: number) => {
    const before = await mainThread();
    await inPage(page, 'startFrames', step, steps);
    if (step === 0) await page.waitForTimeout(2000);
    else await page.waitForFunction(() => !(globalThis as unknown as { __bench: Probe }).__bench.scrolling(), undefined, { timeout: 300_000, polling: 100 });
    const frames = await inPage(page, 'stopFrames');
    const after = await mainThread();
    const n = Math.max(1, frames.deltas.length);
    const busy = `主线程每帧：脚本 ${((after.script - before.script) / n).toFixed(1)} ms、样式 ${((after.style - before.style) / n).toFixed(1)} ms、布局 ${((after.layout - before.layout) / n).toFixed(1)} ms、任务合计 ${((after.task - before.task) / n).toFixed(1)} ms`;
    return { ...frames, busy };
  };
  // the rest on every task of the ledger (全部年度), not just this year's
  await page.getByTestId('filter-year').click();
  await inPage(page, 'arm', 'firstRowChanged', await inPage(page, 'firstRowId'));
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '全部年度' }).first().click();
  const allYears = await armedResult(page, '全部年度');
  await list.quiet();
  const total = Number((await page.getByTestId('ledger-total').getAttribute('data-total')) ?? 0);
  log(`年度改为「全部年度」（${total} 项）：${allYears.paintMs.toFixed(0)} ms 到新的行绘出`);

  const idleFrames = await scrollPass(0, 0);
  log(`\n空闲（不滚动）：${frameNote(idleFrames.deltas)}；${idleFrames.busy}`);
  const steps = Math.min(600, Math.max(120, Math.floor(((total - 30) * 36) / 108)));
  log(`滚动（每帧 3 行，${steps} 帧）`);
  list.calls.length = 0;
  const down = await scrollPass(108, steps);
  await list.quiet();
  await list.settle();
  const scrollBytes = list.calls.reduce((sum, c) => sum + c.bytes, 0);
  log(`  向下：${frameNote(down.deltas)}；${down.busy}；加载中的行可见 ${down.skeletonFrames} 帧；取了 ${list.calls.length} 页（${kb(scrollBytes)}）；DOM 最多 ${down.maxDomRows} 行`);
  const pagesDown = list.calls.length;
  const rowsPerCallDown = maxLimit();
  list.calls.length = 0;
  const up = await scrollPass(-108, steps);
  log(`  向上（已取的行）：${frameNote(up.deltas)}；${up.busy}；取了 ${list.calls.length} 页；DOM 最多 ${up.maxDomRows} 行`);
  const scroll = down;
  figures.push(
    figureOf('界面：连续滚动台账的帧时间', sizeLabel, scroll.deltas, FRAME_BUDGET_MS, {
      note: `全部年度 ${total} 项，向下每帧 3 行：${frameNote(scroll.deltas)}，沿途取 ${pagesDown} 页（每页 ≤ ${rowsPerCallDown} 行），加载中的行可见 ${scroll.skeletonFrames} 帧，DOM 最多 ${scroll.maxDomRows} 行；${scroll.busy}。对照：向上（行已取）帧时间中位数 ${stats(up.deltas).median.toFixed(1)} ms，不滚动时 ${stats(idleFrames.deltas).median.toFixed(1)} ms`,
      longFrames: longFramesOf(scroll.deltas),
      maxRowsRequested: rowsPerCallDown,
      maxDomRows: Math.max(scroll.maxDomRows, up.maxDomRows),
    }),
  );

  // 2b. jumps down the scrollbar: the rows there are fetched by offset (the pages in between never are)
  log('\n拖动滚动条跳到远处（到该处行数据绘出）');
  const fractions = [0.25, 0.5, 0.75, 1, 0.1, 0.6, 0.9, 0.35, 0.8, 0.05].slice(0, Math.max(runs, 4));
  const jumps: number[] = [];
  const jumpFrames: number[] = [];
  list.calls.length = 0;
  for (const fraction of fractions) {
    await inPage(page, 'startFrames');
    await inPage(page, 'arm', 'settled');
    await inPage(page, 'jump', fraction);
    const t = await armedResult(page, `跳到 ${fraction * 100}%`);
    jumps.push(t.paintMs);
    jumpFrames.push(...(await inPage(page, 'stopFrames')).deltas);
    log(`  跳到 ${(fraction * 100).toFixed(0)}%（约第 ${Math.round(total * fraction)} 行）：${t.paintMs.toFixed(0)} ms（请求发出 ${msOrDash(t.requestMs)}，${t.calls} 页应答到达 ${msOrDash(t.answerMs)}）`);
  }
  await list.quiet();
  await list.settle();
  figures.push(
    figureOf('界面：拖动滚动条跳到远处到行数据绘出', sizeLabel, jumps, RESPONSE_BUDGET_MS, {
      note: `全部年度 ${total} 项，跳到 ${fractions.map((f) => `${f * 100}%`).join('、')}；含界面合并快速滚动的 50 ms；${frameNote(jumpFrames)}；取 ${list.calls.length} 页，最远 offset ${Math.max(0, ...list.calls.map((c) => c.offset))}`,
      longFrames: longFramesOf(jumpFrames),
      maxRowsRequested: maxLimit(),
    }),
  );
  await inPage(page, 'arm', 'settled');
  await inPage(page, 'jump', 0);
  await armedResult(page, '回到顶部');

  // 3. a status filter and sorts: click → the new rows painted, and the frames meanwhile
  const interactions: Array<{ label: string; apply: () => Promise<void>; undo: () => Promise<void> }> = [
    {
      label: '状态筛选「逾期」',
      apply: async () => {
        await page.getByTestId('filter-status').click();
        // arm after the dropdown opened: the option's pointerdown is the start
        await inPage(page, 'arm', 'statuses', ['overdue']);
        await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '逾期' }).first().click();
      },
      undo: async () => {
        await page.keyboard.press('Escape');
        await page.getByTestId('filter-reset').click();
        await list.quiet();
      },
    },
    ...(['title', 'status'] as const).map((key) => ({
      label: `点击表头按「${key === 'title' ? '事项名称' : '状态'}」排序`,
      apply: async () => {
        const before = await inPage(page, 'firstRowId');
        await inPage(page, 'arm', 'firstRowChanged', before);
        await page.getByTestId(`ledger-col-${key}`).click();
      },
      // asc → desc → the default sort: two more clicks bring the default view back
      undo: async () => {
        await page.getByTestId(`ledger-col-${key}`).click();
        await list.quiet();
        await page.getByTestId(`ledger-col-${key}`).click();
        await list.quiet();
        await inPage(page, 'arm', 'settled');
        await inPage(page, 'startNow');
        await armedResult(page, '恢复默认排序');
      },
    })),
  ];
  for (const action of interactions) {
    log(`\n${action.label}（点击到新的行绘出）`);
    const times: number[] = [];
    const frames: number[] = [];
    let payload = 0;
    for (let run = 0; run < runs; run += 1) {
      list.calls.length = 0;
      await inPage(page, 'startFrames');
      await action.apply();
      const t = await armedResult(page, action.label);
      times.push(t.paintMs);
      await page.waitForTimeout(100);
      const f = await inPage(page, 'stopFrames');
      frames.push(...f.deltas);
      await list.settle();
      payload = list.calls[0]?.bytes ?? 0;
      log(`  第 ${run + 1} 次：${t.paintMs.toFixed(0)} ms（请求发出 ${msOrDash(t.requestMs)}，应答到达 ${msOrDash(t.answerMs)}，进入 DOM ${t.domMs.toFixed(0)} ms），tasks.list ${list.calls.length} 次、首个应答 ${kb(payload)}，最长帧 ${Math.max(0, ...f.deltas).toFixed(0)} ms`);
      await action.undo();
    }
    figures.push(
      figureOf(`界面：${action.label}到新的行绘出`, sizeLabel, times, RESPONSE_BUDGET_MS, {
        note: `全部年度 ${total} 项；${frameNote(frames)}；一页应答 ${kb(payload)}`,
        longFrames: longFramesOf(frames),
        payloadBytes: payload,
      }),
    );
  }
  const after = await inPage(page, 'dom');
  log(`\n结束时：DOM 中 ${after.rows} 行、全页 ${after.elements} 个元素${after.heapMB === null ? '' : `，JS 堆 ${after.heapMB.toFixed(0)} MB`}`);
  return figures;
}

/** The renderer's figures on the synthetic ledger (a copy of the cached file: the cache is never written). */
export async function measureRenderer(opts: RendererOptions = {}): Promise<RendererFigure[]> {
  const log = opts.log ?? console.log;
  const size = opts.quick ? QUICK_SIZE : FULL_SIZE;
  const runs = opts.runs ?? (opts.quick ? 5 : 3);
  ensureRendererBuilt(log);
  const ledger = await syntheticLedger(opts.seed ?? DEFAULT_SEED, size, log);
  const opening = performance.now();
  const session = await openBrowserSession({ today: TODAY, copyOfLedger: ledger.file });
  try {
    log(`复制并打开 ${path.basename(ledger.file)} 用时 ${((performance.now() - opening) / 1000).toFixed(1)} s`);
    const info = await session.service<AppInfo>('app.info', {});
    // the cached ledger has no operator on this device: answer the first-run questions on the copy
    if (info.firstRun) await session.service<AppInfo>('app.setup', { operator: '张三', officeName: '绍兴市上虞区人民政府办公室', loadDemo: false });
    session.page.setDefaultTimeout(300_000);
    return await measureInSession(session, `${size.tasks} 项事项 / ${size.reports} 条进展`, runs, log);
  } finally {
    await session.close();
  }
}

function printTable(figures: readonly RendererFigure[]): void {
  console.log('\n| 指标 | 规模 | 中位数 | p95 | 预算 | 结果 |\n|---|---|---|---|---|---|');
  for (const f of figures) {
    console.log(`| ${f.name}${f.note ? `（${f.note}）` : ''} | ${f.size} | ${f.medianMs} ms | ${f.p95Ms === null ? '—' : `${f.p95Ms} ms`} | ≤ ${f.budget} ms | ${f.ok ? '✓' : '✗'} |`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const quick = process.env.BENCH_QUICK === '1';
  const started = new Date();
  console.log(`督查台账界面基准（${quick ? '快速：' : ''}${(quick ? QUICK_SIZE : FULL_SIZE).tasks} 项事项）；${os.cpus().length} 核，负载 ${os.loadavg().map((n) => n.toFixed(1)).join('/')}`);
  measureRenderer({
    quick,
    seed: process.env.BENCH_SEED ? Number(process.env.BENCH_SEED) : undefined,
    runs: process.env.BENCH_RENDERER_RUNS ? Number(process.env.BENCH_RENDERER_RUNS) : undefined,
  })
    .then((figures) => {
      printTable(figures);
      for (const f of figures) console.log(`${f.ok ? '✓' : '✗'} ${f.name}：中位数 ${f.medianMs} ms，预算 ≤ ${f.budget} ms`);
      if (process.env.BENCH_OUT) {
        const out = path.resolve(process.env.BENCH_OUT);
        writeFileSync(out, `${JSON.stringify({ date: started.toISOString(), quick, loadavg: os.loadavg(), figures }, null, 2)}\n`);
        console.log(`已写入 ${out}`);
      }
    })
    .catch((err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    });
}

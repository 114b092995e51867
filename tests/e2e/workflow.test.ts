/**
 * The supervision workflow end to end in Debian's Chromium against the real services: the 工作台 names a unit
 * that has not reported this period → one click to the 催办 list with the unit picked out → 生成催办通知 (a draft
 * in the registry) → 登记催办 by phone (the unit's chase count goes up) → the unit's late report and 办结 on its
 * overdue task in the task drawer (the light changes) → the unit's score on the 考核 page changes. Then the
 * settings cards of 报送节奏与催办 and 考核规则 save and come back after a reload.
 *
 * `LEDGER_SCREENSHOTS=1` writes the 催办 and 考核 screenshots to docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../electron/contract/documents';
import type { LedgerPage, TaskDetail } from '../../electron/contract/types';
import type { AssessmentRules, AssessmentSheet, ChaseList, WorkflowSettings, WorkflowSummary } from '../../electron/contract/workflow';
import { openBrowserSession, type BrowserSession } from '../support/browser-session';
import { clickWhenOpened } from '../support/dialog-click';

const TODAY = '2026-11-26';
const YEAR = 2026;
const SCREENSHOT_DIR = process.env.LEDGER_SCREENSHOTS ? path.resolve('docs/screenshots') : path.resolve('test-results/screenshots');

let session: BrowserSession;
let page: Page;

const service = <T>(channel: string, input: unknown): Promise<T> => session.service<T>(channel, input);

async function screenshot(name: string): Promise<void> {
  type AnimatedDocument = { getAnimations(): Array<{ playState: string }> };
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: AnimatedDocument }).document.getAnimations().every((a) => a.playState !== 'running'),
  );
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}

const nav = (label: string) => page.getByTestId('nav-menu').getByText(label, { exact: true }).click();

/** An antd Select: open it and pick the option with this label. */
async function pick(select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

/** A number input inside an antd InputNumber (the test id sits on the input or on its wrapper). */
const numberInput = (scope: Locator, testId: string) => scope.getByTestId(testId).locator('input').or(scope.locator(`input[data-testid="${testId}"]`)).first();

beforeAll(async () => {
  session = await openBrowserSession({ today: TODAY });
  page = session.page;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await service('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
  const settings = await service<Record<string, unknown>>('documents.settings.get', {});
  await service('documents.settings.update', { ...settings, contactName: '周敏', contactPhone: '0575-82112345' });
});

afterAll(async () => {
  await session?.close();
});

describe('the workflow in a browser', () => {
  it('chases a unit from the 工作台, records its late report and 办结, and its 考核 score moves', async () => {
    // A unit on the 催办 list with a task overdue and unexplained, not chased today. The demo units have all
    // reported this period, so the unit gets a 民生实事 task of its own whose October report never came.
    const initial = await service<ChaseList>('chase.list', { year: YEAR, unitId: null });
    const candidate = initial.groups.find((g) => g.lastChasedOn !== TODAY && g.items.some((i) => i.reason === 'overdue_no_report' && i.taskId));
    expect(candidate, '演示数据中应有逾期未说明原因的单位').toBeTruthy();
    await service('tasks.create', {
      year: YEAR,
      source: 'livelihood',
      title: '背街小巷改造提升（端到端测试）',
      assignedDate: `${YEAR}-09-01`,
      dueDate: `${YEAR}-12-31`,
      units: [{ unitId: candidate!.unitId, role: 'lead' }],
    });
    const summary = await service<WorkflowSummary>('workflow.summary', { year: YEAR });
    expect(summary.missingByUnit.map((u) => u.unitId)).toContain(candidate!.unitId);
    const chase = await service<ChaseList>('chase.list', { year: YEAR, unitId: null });
    const unit = chase.groups.find((g) => g.unitId === candidate!.unitId)!;
    expect(unit.items.some((i) => i.reason === 'missing_report')).toBe(true);
    const item = unit.items.find((i) => i.reason === 'overdue_no_report' && i.taskId)!;
    const taskId = item.taskId!;
    const chasedBefore = unit.chasesThisYear;
    const draftsBefore = (await service<{ total: number }>('documents.list', { type: 'urge_notice', status: 'draft' })).total;

    // 工作台 → the unit in 本期未报送 → the 催办 list with that unit picked out and ticked.
    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    const link = page.locator(`[data-testid="dashboard-missing-unit"][data-unit-id="${unit.unitId}"]`);
    await expect.poll(() => link.count()).toBe(1);
    await expect.poll(() => page.getByTestId('dashboard-units-to-chase-count').textContent()).toBe(String(summary.unitsToChase));
    await link.click();
    await page.getByTestId('chase-page').waitFor();
    const row = page.locator(`[data-testid="chase-group"][data-unit-id="${unit.unitId}"]`);
    await row.waitFor();
    await expect.poll(() => page.getByTestId('chase-group').count()).toBe(1);
    await expect.poll(() => row.locator('input[type="checkbox"]').isChecked()).toBe(true);
    await expect.poll(() => row.getAttribute('data-chased')).toBe(String(chasedBefore));

    // 生成催办通知: a deadline, one draft for the unit.
    await page.getByTestId('chase-draft-notices').click();
    await page.getByTestId('chase-notice-form').waitFor();
    await page.getByTestId('chase-notices-submit').click();
    await expect.poll(() => page.getByTestId('chase-notices-result').getAttribute('data-count')).toBe('1');
    expect((await service<{ total: number }>('documents.list', { type: 'urge_notice', status: 'draft' })).total).toBe(draftsBefore + 1);

    // 登记催办 straight from the result: 电话催办, today, linked to the draft.
    await page.getByTestId('chase-notices-record').click();
    const record = page.getByTestId('chase-record-form');
    await record.waitFor();
    await record.getByText('电话催办', { exact: true }).click();
    await record.getByTestId('chase-record-note').fill('电话联系单位办公室，要求三日内书面说明逾期原因（端到端测试）');
    await expect.poll(() => record.getByRole('checkbox', { name: /关联刚生成/ }).isChecked()).toBe(true);
    await page.getByTestId('chase-record-submit').click();
    await record.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getAttribute('data-chased')).toBe(String(chasedBefore + 1));
    const after = await service<ChaseList>('chase.list', { year: YEAR, unitId: unit.unitId });
    expect(after.groups.find((g) => g.unitId === unit.unitId)?.lastChasedOn).toBe(TODAY);
    // the whole list (the menu shows every unit), once the toast has gone
    await nav('催办督办');
    await expect.poll(() => page.getByTestId('chase-group').count()).toBe(chase.groups.length);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot('chase.png');

    // The draft is in the registry.
    await nav('公文');
    await page.getByTestId('documents-page').waitFor();
    await expect.poll(() => page.locator('[data-testid="document-row"]').filter({ hasText: '催办通知' }).filter({ hasText: unit.unitName }).count()).toBeGreaterThan(0);

    // The score before the unit answers.
    await nav('年度考核');
    await page.getByTestId('assessment-page').waitFor();
    const scoreRow = page.locator(`[data-testid="assessment-row"][data-unit-id="${unit.unitId}"]`);
    await scoreRow.waitFor();
    const sheetBefore = await service<AssessmentSheet>('assessment.sheet', { year: YEAR });
    const before = sheetBefore.units.find((u) => u.unitId === unit.unitId)!;
    await expect.poll(() => scoreRow.getAttribute('data-total')).toBe(String(before.total));
    const shownBefore = Number(await scoreRow.getAttribute('data-total'));

    // Back to the 催办 list: the unit's overdue task opens the task drawer.
    await nav('催办督办');
    await row.waitFor();
    await row.locator(`[data-testid="chase-task"][data-task-id="${taskId}"]`).first().click();
    const detail = page.getByTestId('task-detail');
    await expect.poll(() => detail.getAttribute('data-task-id')).toBe(taskId);
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).toBe('overdue');

    // The unit's late progress report …
    await page.getByTestId('add-progress').click();
    const form = page.getByTestId('progress-form');
    await form.waitFor();
    const unitSelect = form.getByTestId('progress-unit');
    if (!((await form.locator('.ant-select').first().textContent()) ?? '').includes(unit.unitName)) await pick(unitSelect, unit.unitName);
    await numberInput(form, 'progress-percent').fill('100');
    await form.getByTestId('progress-done').fill('已全部完成，逾期原因已书面说明（端到端测试）');
    await page.getByTestId('progress-submit').click();
    await form.waitFor({ state: 'hidden' });

    // … and 办结 today: the light turns from red.
    await page.getByTestId('toggle-complete').click();
    await clickWhenOpened(page.locator('.ant-popconfirm:visible .ant-btn-primary'));
    await expect.poll(() => detail.getByTestId('detail-status').getAttribute('data-status')).toBe('done');
    expect((await service<TaskDetail>('tasks.get', { id: taskId })).status).toBe('done');
    // the whole story shows the chase and the report
    await expect.poll(() => detail.locator('[data-testid="timeline-item"][data-kind="chase"]').count()).toBeGreaterThan(0);
    await expect.poll(() => detail.locator('[data-testid="timeline-item"][data-kind="report"]').count()).toBeGreaterThan(0);
    // (a toast still showing keeps Esc for itself: close with the drawer's button)
    await page.locator('.detail-drawer .ant-drawer-close').click();
    await detail.waitFor({ state: 'hidden' });

    // The 考核 page: the unit's score moved up (its task now counts as done, late).
    await nav('年度考核');
    await scoreRow.waitFor();
    const sheetAfter = await service<AssessmentSheet>('assessment.sheet', { year: YEAR });
    const afterScore = sheetAfter.units.find((u) => u.unitId === unit.unitId)!;
    expect(afterScore.total).toBeGreaterThan(before.total);
    await expect.poll(() => scoreRow.getAttribute('data-total')).toBe(String(afterScore.total));
    expect(Number(await scoreRow.getAttribute('data-total'))).toBeGreaterThan(shownBefore);

    // Its breakdown shows the chase, and a record opens what caused it.
    await scoreRow.click();
    const breakdown = page.getByTestId('score-breakdown');
    await breakdown.waitFor();
    await expect.poll(() => breakdown.locator('[data-testid="score-line"][data-rule="chased"]').count()).toBe(1);
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await screenshot('assessment.png');
    await breakdown.locator('[data-testid="score-line"][data-rule="chased"] [data-testid="score-record"]').first().click();
    await page.getByTestId('task-detail').waitFor();
    await page.locator('.detail-drawer .ant-drawer-close').click();
    await page.getByTestId('task-detail').waitFor({ state: 'hidden' });

    // 生成考核评分表: a draft of the year's score sheet opens in the editor.
    await page.getByTestId('assessment-draft').click();
    const editor = page.getByTestId('document-editor');
    await editor.waitFor();
    await expect.poll(() => editor.getAttribute('data-status')).toBe('draft');
    await expect.poll(() => page.getByTestId('document-preview').textContent()).toContain(unit.unitName);
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });
  });

  it('saves the settings of 报送节奏与催办 and 考核规则, and shows them after a reload', async () => {
    await page.goto(session.bridge.url);
    await page.getByTestId('dashboard').waitFor();
    await nav('设置');
    const wf = page.getByTestId('workflow-settings');
    await wf.waitFor();
    const flag = numberInput(wf, 'wf-flag-count');
    await expect.poll(() => flag.inputValue()).not.toBe('');
    await flag.fill('3');
    await numberInput(wf, 'wf-grace-livelihood').fill('7');
    await page.getByTestId('workflow-settings-save').click();
    await expect.poll(async () => (await service<WorkflowSettings>('workflow.settings.get', {})).chaseFlagCount).toBe(3);
    expect((await service<WorkflowSettings>('workflow.settings.get', {})).rhythms.livelihood.graceDays).toBe(7);

    const rules = page.getByTestId('assessment-rules');
    const praise = numberInput(rules, 'rule-praise');
    await expect.poll(() => praise.inputValue()).not.toBe('');
    // a value the schema refuses is named on its field, and nothing is saved
    await numberInput(rules, 'rule-basePoints').fill('');
    await page.getByTestId('assessment-rules-save').click();
    await expect.poll(() => rules.textContent()).toContain('请填写基础分');
    await numberInput(rules, 'rule-basePoints').fill('40');
    await praise.fill('3');
    await page.getByTestId('assessment-rules-save').click();
    await expect.poll(async () => (await service<AssessmentRules>('assessment.rules.get', {})).rulePoints.praise).toBe(3);
    expect((await service<AssessmentRules>('assessment.rules.get', {})).basePoints).toBe(40);

    await page.reload();
    await nav('设置');
    await page.getByTestId('workflow-settings').waitFor();
    await expect.poll(() => numberInput(page.getByTestId('workflow-settings'), 'wf-flag-count').inputValue()).toBe('3');
    await expect.poll(() => numberInput(page.getByTestId('workflow-settings'), 'wf-grace-livelihood').inputValue()).toBe('7');
    await expect.poll(() => numberInput(page.getByTestId('assessment-rules'), 'rule-praise').inputValue()).toBe('3');
    await expect.poll(() => numberInput(page.getByTestId('assessment-rules'), 'rule-basePoints').inputValue()).toBe('40');
  });

  it('shows the 文号 signing will take, and asks again when another signing took it meanwhile', async () => {
    const tasks = await service<LedgerPage>('tasks.list', { year: YEAR, limit: 2 });
    const [mine] = await service<DocumentSummary[]>('documents.draft', { type: 'assignment_sheet', taskIds: [tasks.rows[0]!.id] });
    const [other] = await service<DocumentSummary[]>('documents.draft', { type: 'assignment_sheet', taskIds: [tasks.rows[1]!.id] });
    const first = await service<{ number: string | null }>('documents.nextNumber', { id: mine!.id, signedOn: TODAY });
    expect(first.number).toMatch(/〔2026〕\d+号/);

    await nav('公文');
    await page.getByTestId('documents-page').waitFor();
    await page.locator(`[data-testid="document-row"][data-document-id="${mine!.id}"]`).click();
    const editor = page.getByTestId('document-editor');
    await editor.waitFor();
    await page.getByTestId('document-sign').click();
    await expect.poll(() => page.getByTestId('sign-next-number').textContent()).toBe(first.number);

    // another PC signs a document of the same series and takes that number
    await service('documents.sign', { id: other!.id, signer: '李四', signedOn: TODAY });
    const next = await service<{ number: string | null }>('documents.nextNumber', { id: mine!.id, signedOn: TODAY });
    expect(next.number).not.toBe(first.number);

    await page.getByTestId('sign-signer').fill('王建国');
    await page.getByTestId('sign-confirm').click();
    await expect.poll(() => page.getByTestId('sign-error').textContent()).toContain('已被占用');
    await expect.poll(() => page.getByTestId('sign-next-number').textContent()).toBe(next.number);
    await page.getByTestId('sign-confirm').click();
    await expect.poll(() => page.getByTestId('sign-number').textContent()).toBe(next.number);
    await page.getByTestId('sign-close').click();
    await expect.poll(() => editor.getAttribute('data-status')).toBe('signed');
  });
});

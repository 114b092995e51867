/**
 * The 考核 rules (seed 三(三): 把各单位任务完成情况作为年度目标责任制考评的重要内容 … 被批评通报的单位 … 按规定扣分):
 * one synced setting, so every copy of the ledger scores units the same way. The seed gives no numbers — each
 * district sets its own — so the defaults below are the typical local ones and the office edits them in 设置.
 */
import type { Kysely } from 'kysely';
import { getSetting, setSetting } from '../../../db/repository';
import type { Database } from '../../../db/schema';
import { assessmentRules, DEFAULT_ASSESSMENT_RULES, SCORE_RULES, type AssessmentRules, type ScoreRule } from '../../contract/workflow';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';

export const ASSESSMENT_RULES_KEY = 'assessmentRules';

/** The defaults live in the contract so that 设置 can offer 恢复默认 without asking main. */
export { DEFAULT_ASSESSMENT_RULES };

type Field = Exclude<keyof AssessmentRules, 'rulePoints'>;
const FIELDS: readonly Field[] = ['basePoints', 'completionPoints', 'leadWeight', 'assistWeight', 'lateCompletionCredit', 'maxDeduction', 'maxBonus'];

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The stored rules, each field checked on its own against the contract: a field a later version added, or one
 * edited by hand into nonsense, falls back to its default while the office's other choices stay.
 */
export function rulesFromStored(stored: unknown): AssessmentRules {
  const d = DEFAULT_ASSESSMENT_RULES;
  if (!isRecord(stored)) return structuredClone(d);
  const shape = assessmentRules.shape;
  const rules: AssessmentRules = { ...d, rulePoints: { ...d.rulePoints } };
  for (const field of FIELDS) {
    const parsed = shape[field].safeParse(stored[field]);
    if (parsed.success) rules[field] = parsed.data;
  }
  const storedPoints = isRecord(stored.rulePoints) ? stored.rulePoints : {};
  for (const rule of SCORE_RULES) {
    const parsed = shape.rulePoints.shape[rule].safeParse(storedPoints[rule]);
    if (parsed.success) rules.rulePoints[rule as ScoreRule] = parsed.data;
  }
  // Two weights of 0 would divide by zero; the pair then comes back as the defaults.
  if (rules.leadWeight + rules.assistWeight <= 0) {
    rules.leadWeight = d.leadWeight;
    rules.assistWeight = d.assistWeight;
  }
  return rules;
}

/** Reads through the given handle, so that it also works inside a transaction. */
export async function readAssessmentRules(db: Kysely<Database>): Promise<AssessmentRules> {
  return rulesFromStored(await getSetting(db, ASSESSMENT_RULES_KEY));
}

export function getAssessmentRules(ctx: ServiceContext): Promise<AssessmentRules> {
  return readAssessmentRules(ctx.ledger.db);
}

/** Saves the whole rule set (dispatch has parsed it; parsed again so a direct caller cannot store a bad one). */
export async function updateAssessmentRules(ctx: ServiceContext, input: AssessmentRules): Promise<AssessmentRules> {
  const checked = assessmentRules.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = issue?.path.join('.') ?? '_';
    throw new ServiceError('invalid_input', `考核规则有误：${issue?.message ?? '输入有误'}`, { [field]: issue?.message ?? '输入有误' });
  }
  const value = checked.data;
  await ctx.ledger.db.transaction().execute((trx) => setSetting(trx, ctx.write, ASSESSMENT_RULES_KEY, value));
  return getAssessmentRules(ctx);
}

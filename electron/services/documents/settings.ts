/**
 * The document settings (发文机关, 文号 prefixes, 署名, 抄送, 印发机关, seal, fonts): one synced setting holding
 * JSON. Until the office saves them, they are derived from the office name given at first run, so the first
 * document can be drafted without a trip to 设置; once saved, they stay as saved.
 */
import type { Kysely } from 'kysely';
import { getSetting, setSetting } from '../../../db/repository';
import type { Database } from '../../../db/schema';
import { documentSettings, type DocumentSettings, type DocumentType } from '../../contract/documents';
import type { ServiceContext } from '../context';
import { ServiceError } from '../errors';

export const DOCUMENT_SETTINGS_KEY = 'documentSettings';

/**
 * The 发文字号 代字 of a county-level government office: the place's last character before 区/县/市 and 政办
 * (绍兴市上虞区人民政府办公室 → 虞政办), as offices abbreviate; '' when the name does not have that shape.
 */
export function officeAbbreviation(officeName: string): string {
  const match = /([\u4e00-\u9fff])[区县市]人民政府办公室$/.exec(officeName.trim());
  return match ? `${match[1]}政办` : '';
}

/**
 * Default 文号 prefixes. Each kind of notice has its own series; the three 通报 share the office's one
 * 督查通报 series, as offices number them; the newspaper table, ledger extracts and the 考核评分表 are not numbered ('').
 * Numbers are allocated per prefix (numbering.ts), so a shared prefix can never yield a duplicate 文号.
 */
export function defaultNumberPrefixes(officeName: string): Record<DocumentType, string> {
  const abbr = officeAbbreviation(officeName);
  return {
    assignment_sheet: `${abbr}督办`,
    supervision_notice: `${abbr}督`,
    urge_notice: `${abbr}催`,
    situation_bulletin: '督查通报',
    praise_bulletin: '督查通报',
    criticism_bulletin: '督查通报',
    livelihood_publication: '',
    ledger_extract: '',
    // a report to the 考核办 goes out under whatever series the office chooses; unnumbered until it sets one
    assessment_sheet: '',
  };
}

export function defaultDocumentSettings(officeName: string): DocumentSettings {
  const name = officeName.trim();
  return {
    organName: name,
    organMark: '',
    withWenjian: false,
    numberPrefixes: defaultNumberPrefixes(name),
    signatureOrgan: name,
    withSeal: true,
    cc: [],
    printer: name,
    department: '督查科',
    contactName: '',
    contactPhone: '',
    fontMode: 'gb2312',
  };
}

/** Reads through the given handle, so that it also works inside a transaction (pass `trx`). */
export async function readDocumentSettings(db: Kysely<Database>): Promise<DocumentSettings> {
  const officeName = await getSetting(db, 'officeName');
  const defaults = defaultDocumentSettings(typeof officeName === 'string' ? officeName : '');
  const stored = await getSetting(db, DOCUMENT_SETTINGS_KEY);
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) return defaults;
  // Fields added by a later version fall back to their defaults; a value that no longer passes is dropped whole.
  const parsed = documentSettings.safeParse({ ...defaults, ...stored });
  return parsed.success ? parsed.data : defaults;
}

export function getDocumentSettings(ctx: ServiceContext): Promise<DocumentSettings> {
  return readDocumentSettings(ctx.ledger.db);
}

export async function updateDocumentSettings(ctx: ServiceContext, input: DocumentSettings): Promise<DocumentSettings> {
  const value = documentSettings.parse(input);
  await ctx.ledger.db.transaction().execute((trx) => setSetting(trx, ctx.write, DOCUMENT_SETTINGS_KEY, value));
  return getDocumentSettings(ctx);
}

/** The settings, checked as a whole: drafting with no 发文机关 would make a document without a sender. */
export async function requireDocumentSettings(ctx: ServiceContext): Promise<DocumentSettings> {
  const settings = await getDocumentSettings(ctx);
  const checked = documentSettings.safeParse(settings);
  if (!checked.success) {
    const first = checked.error.issues[0]?.message ?? '公文设置不完整';
    throw new ServiceError('invalid_input', `公文设置不完整：${first}。请先在“设置 → 公文”中补充。`);
  }
  return checked.data;
}

/**
 * 文号 allocation. A number is taken only when a document is signed, inside the signing transaction, as the
 * next sequence of its series: the prefix (代字) and the year of the 签发 date. "Next" is one above the highest
 * sequence ever given in that series — counting cancelled (作废) documents and even tombstoned rows — so numbers
 * have no gaps, and a cancelled number is never handed out again.
 *
 * The series is the prefix, not the document type: two types set to the same prefix share one sequence
 * instead of issuing the same 文号 twice. Transactions on one ledger connection run one at a time, so two
 * signings in this process cannot read the same maximum; another process writing the same file must wait
 * for SQLite's write lock, and its read-then-write transaction fails rather than reusing a number.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/schema';

/** 虞政办督〔2016〕3号: full year in 〔〕 (U+3014/U+3015), no 第, no zero padding. */
export function formatDocumentNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}\u3014${year}\u3015${seq}号`;
}

/** The next sequence of the series (prefix, year); call it inside the transaction that stores it. */
export async function nextSequence(trx: Kysely<Database>, prefix: string, year: number): Promise<number> {
  const row = await trx
    .selectFrom('documents')
    .select(sql<number | null>`max(seq)`.as('last'))
    .where('number_prefix', '=', prefix)
    .where('year', '=', year)
    .where('seq', 'is not', null)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

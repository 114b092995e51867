/**
 * File names that say what a document is (`催办通知-百官街道-2016-07-05`) and that every system the office
 * uses accepts: no path separators, none of the characters Windows forbids, no trailing dot or space,
 * not too long for a deep folder on Windows.
 */

/** Characters Windows refuses in a file name, plus control characters. */
const ILLEGAL = /[\\/:*?"<>|\u0000-\u001f\u007f]/gu;
/** Keeps the whole path under Windows' 260-character limit even in a deep export folder. */
const MAX_STEM = 80;

function cleanPart(part: string): string {
  return part
    .replace(ILLEGAL, '')
    .replace(/\s+/gu, '')
    .replace(/-{2,}/gu, '-');
}

/** Joins the non-empty parts with `-` and makes the result safe as a file name (without extension). */
export function fileStemOf(parts: ReadonlyArray<string>): string {
  const stem = parts.map(cleanPart).filter((p) => p !== '').join('-');
  const cut = Array.from(stem).slice(0, MAX_STEM).join('');
  return cut.replace(/[.\s-]+$/u, '') || '公文';
}

/** Within one batch two documents must not share a file name: later ones get `-2`, `-3` … */
export function uniqueStems(stems: ReadonlyArray<string>): string[] {
  const used = new Set<string>();
  return stems.map((stem) => {
    let candidate = stem;
    for (let n = 2; used.has(candidate); n += 1) candidate = `${stem}-${n}`;
    used.add(candidate);
    return candidate;
  });
}

/**
 * The layout engine reuses docx's formatting of what is the same in every document — run properties
 * (runs.ts), the page-number and 草稿 paragraphs (headers-footers.ts), the styles and theme and the compressed
 * fixed parts of the package (package.ts) — instead of formatting them again for every notice. Turned off,
 * documents are laid out and packed by docx alone (its Packer, then the dates patched): the tests turn it off
 * to check that both give the same document.
 */
let reusing = true;
const clearers: Array<() => void> = [];

export function reusesFormatting(): boolean {
  return reusing;
}

/** Registers how a module forgets what it keeps, so that a test starts from nothing. */
export function onClearReuse(clear: () => void): void {
  clearers.push(clear);
}

/** Forgets everything kept for reuse: the next document formats everything again and fills the caches. */
export function clearReuse(): void {
  for (const clear of clearers) clear();
}

/** For tests: `false` lays out and packs the next documents by docx alone, `true` reuses again. */
export function setFormattingReuse(on: boolean): void {
  reusing = on;
  clearReuse();
}

/**
 * Breaking a title into lines the way GB/T 9704-2012 §7.3.2 asks: when a title needs several lines they
 * are of similar length (梯形 or 菱形), a word is not cut, and no line holds a single lonely character.
 *
 * Chinese has no spaces to mark words, so "do not cut a word" is approximated: runs of Latin letters and
 * digits (`2016`, `G20`, `3.5%`) are never split, punctuation never starts (closing) or ends (opening) a
 * line, a number stays with its unit (`2016年`), and breaks after 的/和/与/及/关于 or a comma are preferred
 * to breaks between two arbitrary characters.
 */
import { textWidth as widthOf } from './text';

interface Group {
  text: string;
  width: number;
  /** characters that count as "a character on the line": not spaces, not punctuation */
  chars: number;
}

const LATIN_RUN = /[A-Za-z0-9]+(?:[.\-/:·'&+][A-Za-z0-9]+)*%?/y;
/** closing punctuation: never the first character of a line (避头) */
const NO_LINE_START = new Set([...'，。、；：？！）》」』〕】〉”’%‰…—·,.;:?!)]}']);
/** opening punctuation: never the last character of a line (避尾) */
const NO_LINE_END = new Set([...'（《「『〔【〈“‘([{']);
/** a line may well end after these: the title reads on naturally */
const GOOD_BREAK_AFTER = ['关于', '对于', '的', '和', '与', '及', '、', '，', '；', '：', '》', '）', '”'];
/** measure words and units that belong to the number before them */
const UNITS = new Set([...'年月日号期届个项家次批季周天元亿万人户%']);

/**
 * Words that recur in the titles of a government office's documents. Without a dictionary a title could be
 * cut anywhere; breaking inside one of these reads badly (目|标, 保|障), so it costs as much as starting a
 * line with 的. Other words may still be cut when no better break keeps the lines balanced.
 */
const TITLE_WORDS = `关于 对于 印发 转发 开展 进一步 加强 做好 推进 推动 落实 实施 完成 组织 建立 健全 完善
  通知 通报 意见 决定 报告 请示 批复 方案 办法 规定 规则 细则 制度 计划 纪要 函
  政府 人民 办公室 委员会 街道 乡镇 部门 单位 机关 全区 全市 全县 区直
  工作 情况 目标 任务 督查 督办 催办 检查 考核 考评 评估 整改 问题 措施 责任 进展 进度 成效
  重点 重大 项目 工程 民生 实事 十方面 有效 投资 招商 选资 一号 环境 保障 安全 生产 建设 管理 服务
  先进 集体 个人 表扬 批评 通报 年度 季度 上半年 下半年 第一 第二 第三 第四 峰会 专项 特色 小镇
  五水共治 三改一拆 目标责任制 领导 批示 区长 信箱 会议 决定事项 常务 全体 专题 现场`
  .split(/\s+/)
  .filter((word) => word.length > 1);

const GENERIC_BREAK_PENALTY = 2;
const BAD_BREAK_PENALTY = 8;
const BOOK_TITLE_PENALTY = 2;
/** tie-break: of two equally balanced layouts prefer the one whose earlier lines are longer (倒梯形) */
const LATER_LINE_BIAS = 0.001;

/** Splits a title into its unbreakable groups. */
function groupsOf(text: string, maxWidth: number): Group[] {
  const atoms: string[] = [];
  let i = 0;
  while (i < text.length) {
    LATIN_RUN.lastIndex = i;
    const latin = LATIN_RUN.exec(text);
    if (latin) {
      // a run wider than the line must be cut somewhere: cut it into line-wide pieces
      const perLine = Math.max(1, Math.floor(maxWidth / 0.5));
      for (let at = 0; at < latin[0].length; at += perLine) atoms.push(latin[0].slice(at, at + perLine));
      i += latin[0].length;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i)!);
    atoms.push(char);
    i += char.length;
  }

  const groups: Group[] = [];
  let pendingOpen = '';
  for (const atom of atoms) {
    const previous = groups[groups.length - 1];
    const isSpace = /^\s+$/.test(atom);
    const width = isSpace ? 0.5 : widthOf(atom);
    const chars = [...atom].filter((c) => !/\s/.test(c) && !NO_LINE_START.has(c) && !NO_LINE_END.has(c)).length;
    const first = [...atom][0]!;
    if (NO_LINE_END.has(atom)) {
      pendingOpen += atom;
    } else if (previous && pendingOpen === '' && (isSpace || NO_LINE_START.has(first))) {
      previous.text += isSpace ? ' ' : atom;
      previous.width += width;
      previous.chars += chars;
    } else if (!isSpace) {
      groups.push({ text: pendingOpen + atom, width: width + widthOf(pendingOpen), chars });
      pendingOpen = '';
    }
  }
  if (pendingOpen !== '') groups.push({ text: pendingOpen, width: widthOf(pendingOpen), chars: 0 });
  return groups;
}

/** Cost of ending a line between `before` and `after`. */
function breakPenalty(before: string, after: string, insideBookTitle: boolean, insideWord: boolean): number {
  const last = before.trimEnd();
  if (insideWord || /^[的了们]/.test(after)) return BAD_BREAK_PENALTY;
  if (/[0-9]$/.test(last) && UNITS.has([...after][0]!)) return BAD_BREAK_PENALTY;
  const good = GOOD_BREAK_AFTER.some((ending) => last.endsWith(ending));
  return (good ? 0 : GENERIC_BREAK_PENALTY) + (insideBookTitle ? BOOK_TITLE_PENALTY : 0);
}

/** The string offsets that fall inside one of the TITLE_WORDS. */
function wordInteriors(text: string): Set<number> {
  const interiors = new Set<number>();
  for (const word of TITLE_WORDS) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
      for (let k = 1; k < word.length; k++) interiors.add(at + k);
    }
  }
  return interiors;
}

/** Lays the groups into exactly `lineCount` lines, or returns null when no layout meets the rules. */
function layout(groups: Group[], lineCount: number, maxWidth: number): number[] | null {
  const m = groups.length;
  const width = [0];
  const chars = [0];
  let depth = 0;
  const insideBookTitle: boolean[] = [false];
  const offset = [0];
  groups.forEach((g, i) => {
    width.push(width[i]! + g.width);
    chars.push(chars[i]! + g.chars);
    offset.push(offset[i]! + g.text.length);
    for (const c of g.text) depth += c === '《' ? 1 : c === '》' ? -1 : 0;
    insideBookTitle.push(depth > 0);
  });
  const insideWord = wordInteriors(groups.map((g) => g.text).join(''));
  const lineWidth = (from: number, to: number) => width[to]! - width[from]! - (groups[to - 1]!.text.endsWith(' ') ? 0.5 : 0);
  const target = width[m]! / lineCount;

  // best[k][j]: the cheapest way to set groups [0, j) on k lines; from[k][j]: where its last line starts
  const best = Array.from({ length: lineCount + 1 }, () => new Array<number>(m + 1).fill(Infinity));
  const from = Array.from({ length: lineCount + 1 }, () => new Array<number>(m + 1).fill(-1));
  best[0]![0] = 0;
  for (let k = 1; k <= lineCount; k++) {
    for (let j = 1; j <= m; j++) {
      for (let i = k - 1; i < j; i++) {
        const previous = best[k - 1]![i]!;
        if (previous === Infinity) continue;
        const w = lineWidth(i, j);
        if (w > maxWidth + 1e-9 || chars[j]! - chars[i]! < 2) continue;
        const penalty = j < m ? breakPenalty(groups[j - 1]!.text, groups[j]!.text, insideBookTitle[j]!, insideWord.has(offset[j]!)) : 0;
        const cost = previous + (w - target) ** 2 + penalty + LATER_LINE_BIAS * (k - 1) * w;
        if (cost < best[k]![j]!) {
          best[k]![j] = cost;
          from[k]![j] = i;
        }
      }
    }
  }
  if (best[lineCount]![m] === Infinity) return null;
  const starts: number[] = [];
  for (let k = lineCount, j = m; k > 0; k--) {
    j = from[k]![j]!;
    starts.unshift(j);
  }
  return starts;
}

/** Fills lines greedily: the fallback for texts no balanced layout fits (e.g. a line width below 2). */
function greedy(groups: Group[], maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  let w = 0;
  for (const g of groups) {
    if (line !== '' && w + g.width > maxWidth) {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
    }
    line += g.text;
    w += g.width;
  }
  if (line !== '') lines.push(line.trimEnd());
  return lines;
}

/**
 * Breaks a title into centred lines no wider than `maxCharsPerLine` full-width characters (a Latin letter or
 * digit counts half). A line feed in the text is a break the officer chose and is kept.
 */
export function breakTitle(text: string, maxCharsPerLine: number): string[] {
  if (!(maxCharsPerLine >= 1)) throw new RangeError('maxCharsPerLine must be at least 1');
  if (text.includes('\n')) return text.split('\n').flatMap((part) => breakTitle(part, maxCharsPerLine));
  const normalized = text.trim().replace(/\s+/g, ' ');
  const groups = groupsOf(normalized, maxCharsPerLine);
  const total = groups.reduce((sum, g) => sum + g.width, 0);
  if (total <= maxCharsPerLine) return normalized === '' ? [] : [normalized];

  for (let lineCount = Math.ceil(total / maxCharsPerLine); lineCount <= groups.length; lineCount++) {
    const starts = layout(groups, lineCount, maxCharsPerLine);
    if (starts) {
      return starts.map((start, k) =>
        groups
          .slice(start, starts[k + 1] ?? groups.length)
          .map((g) => g.text)
          .join('')
          .trimEnd(),
      );
    }
  }
  return greedy(groups, maxCharsPerLine);
}

/**
 * The run styles of each element of an official document (GB/T 9704-2012 §7), resolved for a font mode.
 */
import type { FontMode } from '../model';
import { fontSet, RED, SIZE } from './fonts';
import { GRID_CHARACTER_SPACING } from './page';
import type { RunStyle } from './runs';

export interface Typography {
  /** 3号仿宋 on the 28-character grid: body, 份号, 主送, 附件说明, signature, 附注 */
  body: RunStyle;
  /** 3号黑体: level-1 headings, 密级, 紧急程度, 附件N */
  heiti: RunStyle;
  /** 3号楷体: level-2 headings */
  kaiti: RunStyle;
  /** 2号小标宋: titles */
  title: RunStyle;
  /** 4号仿宋: 版记, table cells, form values */
  small: RunStyle;
  /** 4号黑体: table header cells, form labels */
  smallHeiti: RunStyle;
  /** 小四仿宋 / 小四黑体: dense tables */
  dense: RunStyle;
  denseHeiti: RunStyle;
  /** 4号半角宋体: page numbers */
  pageNumber: RunStyle;
  /** the 发文机关标志 before it is sized to fit its line */
  organMark: RunStyle;
  fonts: ReturnType<typeof fontSet>;
}

export function typography(mode: FontMode): Typography {
  const fonts = fontSet(mode);
  const onGrid = { size: SIZE.sanhao, characterSpacing: GRID_CHARACTER_SPACING };
  return {
    body: { font: fonts.fangsong, ...onGrid },
    heiti: { font: fonts.heiti, ...onGrid },
    kaiti: { font: fonts.kaiti, ...onGrid },
    title: { font: fonts.xiaobiaosong, size: SIZE.erhao },
    small: { font: fonts.fangsong, size: SIZE.sihao },
    smallHeiti: { font: fonts.heiti, size: SIZE.sihao },
    dense: { font: fonts.fangsong, size: SIZE.xiaosi },
    denseHeiti: { font: fonts.heiti, size: SIZE.xiaosi },
    pageNumber: { font: fonts.songti, size: SIZE.sihao },
    organMark: { font: fonts.xiaobiaosong, size: SIZE.chuhao, color: RED },
    fonts,
  };
}

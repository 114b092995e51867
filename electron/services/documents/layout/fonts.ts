/**
 * The typefaces and sizes of GB/T 9704-2012, named the way offices' machines name them.
 *
 * Every run names its font for all scripts (ascii, hAnsi, eastAsia, cs): digits and Latin letters are set
 * in the same face as the Chinese around them, so `〔2016〕36号` looks the same in Word, WPS and LibreOffice
 * and a missing Latin font (Times New Roman on a domestic OS) cannot change a line's width.
 */
import type { FontMode } from '../model';

export interface FontSet {
  /** 仿宋: body, 份号, 主送, signature, tables */
  fangsong: string;
  /** 楷体: level-2 headings */
  kaiti: string;
  /** 黑体: level-1 headings, 密级, 紧急程度, 附件N, form labels */
  heiti: string;
  /** 小标宋: titles and the 发文机关标志 */
  xiaobiaosong: string;
  /** 宋体: page numbers (半角宋体) */
  songti: string;
}

/**
 * `gb2312`: the names of the GB2312-era fonts most offices install (仿宋_GB2312, 楷体_GB2312).
 * `plain`: the names Windows ships (仿宋, 楷体), for machines without the GB2312 fonts. 方正小标宋简体 has no
 * stock replacement, so it is named in both modes (Word and WPS substitute a 宋体 when it is missing).
 */
export function fontSet(mode: FontMode): FontSet {
  const gb2312 = mode === 'gb2312';
  return {
    fangsong: gb2312 ? '仿宋_GB2312' : '仿宋',
    kaiti: gb2312 ? '楷体_GB2312' : '楷体',
    heiti: '黑体',
    xiaobiaosong: '方正小标宋简体',
    songti: '宋体',
  };
}

/** Chinese type sizes (字号) in half-points, the unit of `w:sz`. */
export const SIZE = {
  /** 初号 42 pt */
  chuhao: 84,
  /** 2号 22 pt: titles */
  erhao: 44,
  /** 3号 16 pt: everything not stated otherwise */
  sanhao: 32,
  /** 4号 14 pt: page numbers, 版记, tables, forms */
  sihao: 28,
  /** 小四 12 pt: dense tables */
  xiaosi: 24,
} as const;

/** The red of the 发文机关标志 and the separator line. */
export const RED = 'FF0000';

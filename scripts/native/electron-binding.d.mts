/** Types for electron-binding.mjs (used by the tests and the _electron suite). */
export interface ElectronTarget {
  betterSqliteVersion: string;
  electronVersion: string;
  electronAbi: number;
  platform: string;
  arch: string;
}
type NamedTarget = Pick<ElectronTarget, 'betterSqliteVersion' | 'electronVersion' | 'platform' | 'arch'>;

export function electronTarget(root: string, platform?: string, arch?: string): ElectronTarget;
export function electronBindingDirName(t: NamedTarget): string;
export function electronBindingFile(root: string, t: NamedTarget): string;
export function electronModuleAbi(root: string, electronVersion: string): number;
export function moduleAbiOf(file: string): number | null;
export function ensureElectronBinding(opts: { root: string; log?: (line: string) => void; platform?: string; arch?: string }): string;
export function buildNativeBinding(opts: {
  root: string;
  sourceDir: string;
  runtime: 'electron' | 'node';
  target: string;
  abi: number;
  platform: string;
  arch: string;
  distUrl?: string;
  nodeDir?: string;
  log?: (line: string) => void;
}): { binary: string; method: string; workDir: string };

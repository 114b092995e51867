/** Types for electron-binary.mjs. */
export function findElectronExecutable(root: string): string | null;
export const ELECTRON_MISSING_LINE: string;

/** The layer rules are real: ESLint with the project's config refuses each forbidden import. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['renderer/src/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/src/probe.ts', "import path from 'path';"],
    ['renderer/src/probe.ts', "import { ipcRenderer } from 'electron';"],
    ['renderer/src/probe.ts', "import Database from 'better-sqlite3';"],
    ['renderer/src/probe.ts', "import { Kysely } from 'kysely';"],
    ['renderer/src/probe.ts', "import type { Database } from '../../db/schema';"],
    ['renderer/src/probe.ts', "import { handlers } from '../../electron/services/handlers';"],
    ['db/probe.ts', "import { app } from 'electron';"],
    ['db/probe.ts', "import { handlers } from '../electron/services/handlers';"],
    ['electron/services/probe.ts', "import { BrowserWindow } from 'electron';"],
    ['electron/cli/probe.ts', "import { app } from 'electron';"],
    ['electron/contract/probe.ts', "import { readFileSync } from 'node:fs';"],
    ['electron/contract/probe.ts', "import type { Database } from '../../db/schema';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const probe = 1;\n`)).toHaveLength(1);
  });

  it.each([
    ['renderer/src/probe.ts', "import { SOURCE_LABELS } from '../../electron/contract';"],
    ['electron/main/probe.ts', "import { app } from 'electron';"],
    ['electron/preload/probe.ts', "import { contextBridge } from 'electron';"],
    ['electron/services/probe.ts', "import { insertRow } from '../../db/repository';"],
  ])('%s may: %s', async (file, code) => {
    expect(await restrictedImports(file, `${code}\nexport const probe = [${code.match(/\{ (\w+) \}|import (\w+)/)?.slice(1).find(Boolean)}];\n`)).toEqual([]);
  });
});

/**
 * Child process of the read-only tests (tests/unit/reliability/disk-full.test.ts): opens a ledger through the app
 * context and tries one write through the services, so the parent can run it under an account that may not write
 * the file or its folder (the tests run as root, whom file permissions do not stop). It lives in this folder
 * because `bundleChild` (../helpers.ts) bundles scripts from here.
 *
 * stdout, one JSON line each: `{"step":"open","ok":true}` or `{"step":"open","ok":false,"code","message"}`; then
 * `{"step":"write", …the dispatch result}`; then `{"step":"close","ok":…}`.
 * argv: <ledger file>
 */
import { writeSync } from 'node:fs';
import type { Handlers } from '../../../../electron/contract/channels';
import { closeAppContext, openAppContext, type ServiceContext } from '../../../../electron/services/context';
import { dispatch } from '../../../../electron/services/dispatch';
import { createUnit } from '../../../../electron/services/units';

const [file] = process.argv.slice(2) as [string];

// The one entry of electron/services/handlers.ts this child uses, as written there.
const handlers = {
  'units.create': (input, ctx) => createUnit(ctx, input),
} as Pick<Handlers<ServiceContext>, 'units.create'> as Handlers<ServiceContext>;

function say(line: object): void {
  writeSync(1, `${JSON.stringify(line)}\n`);
}

function describeError(error: unknown): { code: string; message: string } {
  const e = error as { code?: unknown; message?: unknown };
  return { code: typeof e.code === 'string' ? e.code : 'none', message: typeof e.message === 'string' ? e.message : String(error) };
}

async function main(): Promise<void> {
  let ctx: ServiceContext;
  try {
    ctx = openAppContext({ file, now: () => new Date(2016, 8, 20, 9, 0, 0) });
  } catch (error) {
    say({ step: 'open', ok: false, ...describeError(error) });
    return;
  }
  say({ step: 'open', ok: true });
  const result = await dispatch(handlers, ctx, 'units.create', { name: '区审计局', kind: 'department' }, () => undefined);
  say({ step: 'write', ...result });
  try {
    await closeAppContext(ctx);
    say({ step: 'close', ok: true });
  } catch (error) {
    say({ step: 'close', ok: false, ...describeError(error) });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    writeSync(2, `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

/**
 * The demo office the document samples and the benchmark are made in: a demo ledger in a temporary file with
 * the wall clock fixed, the office's settings filled in as an office would, and a way to call channels.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../electron/contract/channels';
import { WorkCalendar } from '../../electron/services/calendar';
import { closeAppContext, openAppContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { handlers } from '../../electron/services/handlers';

export interface DemoOffice {
  ctx: ServiceContext;
  dir: string;
  today: string;
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** A working day `n` working days after today (deadlines must be working days). */
  workdaysAhead(n: number): string;
  close(): Promise<void>;
}

export async function openDemoOffice(today: string): Promise<DemoOffice> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ledger-demo-office-'));
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const ctx = openAppContext({ file: path.join(dir, '督查台账.db'), now: () => new Date(y, m - 1, d, 10, 0, 0) });
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const result = await dispatch(handlers, ctx, channel, input, (err) => console.error(err));
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as ChannelOutput<C>;
  };
  await call('app.setup', { operator: '周敏', officeName: '绍兴市上虞区人民政府办公室', loadDemo: true });
  const settings = await call('documents.settings.get', {});
  await call('documents.settings.update', {
    ...settings,
    organMark: '上虞区人民政府办公室',
    cc: ['区委办公室', '区人大常委会办公室', '区政协办公室'],
    contactName: '周敏',
    contactPhone: '0575-82112345',
  });
  const calendar = new WorkCalendar([]);
  return {
    ctx,
    dir,
    today,
    call,
    workdaysAhead: (n) => calendar.addDays(today, n, 'workday'),
    async close() {
      await closeAppContext(ctx);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What every command of the command line uses: calling a channel, reading options, the two kinds of failure. */
import type { Channel, ChannelInput, ChannelOutput } from '../contract/channels';
import type { ServiceContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { handlers } from '../services/handlers';
import type { ParsedArgs } from './args';

/** The command was called wrongly (exit code 2). */
export class UsageError extends Error {}

/** The command was refused or failed (exit code 1); the message is the service's Chinese sentence. */
export class CommandFailed extends Error {}

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Calls a channel through the same dispatch (input validation included) as the app. */
export async function call<C extends Channel>(ctx: ServiceContext, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const result = await dispatch(handlers, ctx, channel, input, () => undefined);
  if (!result.ok) throw new CommandFailed(result.error.message);
  return result.value as ChannelOutput<C>;
}

export function flag(args: ParsedArgs, name: string): string | null {
  const value = args.flags.get(name);
  if (value === undefined) return null;
  if (value === true) throw new UsageError(`选项 --${name} 需要一个值。`);
  return value;
}

export function byLabelOrKey<K extends string>(value: string, keys: readonly K[], labels: Record<K, string>, what: string): K {
  const key = keys.find((k) => k === value || labels[k] === value);
  if (!key) throw new UsageError(`未知的${what}“${value}”，可选：${keys.map((k) => labels[k]).join('、')}。`);
  return key;
}

/**
 * Every value of an option that may be given several times (`--unit 百官街道 --unit 曹娥街道`) or as a list
 * (`--task 3,5、7`), read from the raw arguments because the parsed flags keep only the last one.
 */
export function flagValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    let value: string | undefined;
    if (arg === `--${name}`) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`选项 --${name} 需要一个值。`);
      value = next;
      i += 1;
    } else if (arg.startsWith(`--${name}=`)) {
      value = arg.slice(name.length + 3);
    }
    if (value !== undefined) values.push(...value.split(/[,，、]/).map((v) => v.trim()).filter((v) => v !== ''));
  }
  return values;
}

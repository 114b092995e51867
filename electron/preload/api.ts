/**
 * The renderer's `window.api`: one function per contract channel, each a plain `invoke`.
 *
 * Nothing is validated here — main parses every input with the contract's schema and checks the
 * sender — so the preload stays a thin, zod-free bridge that a sandboxed preload can load.
 */
import type { Api, Channel } from '../contract/channels';
import { CHANNEL_NAMES } from '../contract/channel-names';

export type Invoke = (channel: Channel, input: unknown) => Promise<unknown>;

export function createApi(invoke: Invoke): Api {
  const entries = CHANNEL_NAMES.map((channel) => [channel, (input: unknown) => invoke(channel, input)] as const);
  // The names are proven equal to the contract's keys (channel-names.ts); the result types are
  // the contract's promise, kept by main's dispatch.
  return Object.freeze(Object.fromEntries(entries)) as unknown as Api;
}

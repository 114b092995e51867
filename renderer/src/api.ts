/**
 * The renderer's only door to the data: `window.api` (the typed contract exposed by the preload,
 * or by the e2e test bridge). `call` unwraps `Result<T>` and throws `ApiError` on failure, so pages
 * can show `err.message` (already a Chinese sentence) and forms can map `err.fields` onto fields.
 */
import type { Api, AppError, Channel, ChannelInput, ChannelOutput, ErrorCode } from '../../electron/contract';

declare global {
  interface Window {
    api: Api;
  }
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.fields = error.fields;
  }
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const api = typeof window !== 'undefined' ? window.api : undefined;
  if (!api || typeof api[channel] !== 'function') {
    throw new ApiError({ code: 'internal', message: '界面未能连接到台账服务，请关闭程序后重新打开。' });
  }
  let result;
  try {
    result = await api[channel](input);
  } catch (err) {
    throw new ApiError({
      code: 'internal',
      message: `与台账服务通信失败（${err instanceof Error ? err.message : String(err)}），请重试；如仍出现，请重新打开程序。`,
    });
  }
  if (!result || typeof result !== 'object') {
    throw new ApiError({ code: 'internal', message: '台账服务返回了无法识别的结果，请重试。' });
  }
  if (result.ok) return result.value as ChannelOutput<C>;
  throw new ApiError(result.error);
}

/** The Chinese sentence to show for any failure. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `操作未完成：${err.message}`;
  return '操作未完成，请重试。';
}

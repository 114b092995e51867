/**
 * Never a blank window. A page that fails to render is replaced by a Chinese 界面出现错误 page (what happened,
 * that saved data is safe, 重新载入, where the log is); an error nobody caught (an event handler, a timer, a
 * promise) is reported and shown as a short message. Every one of them goes to main's log through app.reportError
 * (best effort: the report failing changes nothing for the user).
 *
 * - `<ErrorBoundary scope="page" resetKey={page}>` around the shell's page: the sider and header stay usable, and
 *   going to another page clears the error.
 * - `<ErrorBoundary scope="app">` around the whole app (main.tsx).
 * - `showStaticFailure` for what even the outer boundary could not catch (React's onUncaughtError): plain DOM.
 * - `<UnexpectedErrorListener />` for window 'error' and 'unhandledrejection'.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Result, Typography } from 'antd';
import { Component, useEffect, type ErrorInfo, type ReactNode } from 'react';
import type { RendererErrorOrigin } from '../../../electron/contract';
import { ApiError, call } from '../api';

/** Limits of the app.reportError contract (longer text is cut here rather than refused there). */
const MAX_MESSAGE = 2000;
const MAX_STACK = 12000;
const MAX_PAGE = 100;
/** At most this many reports a minute: an error in a loop must not flood the log. */
const REPORTS_PER_MINUTE = 20;

let currentPage = '';
const recentReports: number[] = [];

/** The shell tells which page is showing, so that a report says where the user was. */
export function noteCurrentPage(page: string): void {
  currentPage = page;
}

function describe(err: unknown): { message: string; stack: string } {
  if (err instanceof Error) return { message: err.message || err.name, stack: err.stack ?? '' };
  if (typeof err === 'string') return { message: err, stack: '' };
  try {
    return { message: JSON.stringify(err) ?? String(err), stack: '' };
  } catch {
    return { message: String(err), stack: '' };
  }
}

/** Cut to `max` and made keepable: a cut through a surrogate pair, or a NUL, would get the report refused. */
function clip(text: string, max: number): string {
  return text.slice(0, max).replace(/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Sends the error to main's log; resolves with the log folder, or null when it was not logged. */
export async function reportError(where: RendererErrorOrigin, err: unknown, extraStack = ''): Promise<string | null> {
  const now = Date.now();
  while (recentReports.length > 0 && now - recentReports[0]! > 60_000) recentReports.shift();
  if (recentReports.length >= REPORTS_PER_MINUTE) return null;
  recentReports.push(now);
  try {
    const { message, stack } = describe(err);
    const receipt = await call('app.reportError', {
      where,
      message: clip(message, MAX_MESSAGE) || '（无错误信息）',
      stack: clip([stack, extraStack].filter(Boolean).join('\n'), MAX_STACK),
      page: clip(currentPage, MAX_PAGE),
    });
    return receipt.logsFolder;
  } catch {
    return null;
  }
}

interface BoundaryProps {
  /** 'page': one page of the shell; 'app': the whole window */
  scope: 'page' | 'app';
  /** when it changes (another page), a caught error is cleared and the children render again */
  resetKey?: unknown;
  children: ReactNode;
}

interface BoundaryState {
  error: Error | null;
  logsFolder: string | null;
}

export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, logsFolder: null };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(describe(error).message), logsFolder: null };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    void reportError('render', error, info.componentStack ?? '').then((logsFolder) => {
      if (logsFolder && this.state.error) this.setState({ logsFolder });
    });
  }

  override componentDidUpdate(prev: BoundaryProps): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null, logsFolder: null });
  }

  private readonly retry = () => this.setState({ error: null, logsFolder: null });

  override render(): ReactNode {
    const { error, logsFolder } = this.state;
    if (!error) return this.props.children;
    return <ErrorPage scope={this.props.scope} error={error} logsFolder={logsFolder} onRetry={this.retry} />;
  }
}

function ErrorPage(props: { scope: 'page' | 'app'; error: Error; logsFolder: string | null; onRetry: () => void }) {
  const what = props.scope === 'page' ? '这一页没能正常显示' : '程序界面没能正常显示';
  return (
    <div className={props.scope === 'app' ? 'boot' : 'page'} data-testid="error-boundary" data-scope={props.scope}>
      <Result
        status="error"
        title="界面出现错误"
        subTitle={`${what}。已保存的数据不受影响。`}
        extra={[
          <Button key="reload" type="primary" icon={<ReloadOutlined />} onClick={() => window.location.reload()} data-testid="error-reload">
            重新载入
          </Button>,
          <Button key="retry" onClick={props.onRetry} data-testid="error-retry">
            重试
          </Button>,
        ]}
      >
        <div className="error-boundary-help">
          <Typography.Paragraph strong>请这样处理：</Typography.Paragraph>
          <ol>
            <li>点“重新载入”恢复界面；尚未保存的填写内容需要重新填写。{props.scope === 'page' && '也可以先在左侧打开其他页面继续工作。'}</li>
            <li>如果再次出现，请记下出错前做了什么，通过菜单“帮助 → 打开日志文件夹”把日志文件夹发给技术支持。</li>
          </ol>
          {props.logsFolder && (
            <Typography.Paragraph type="secondary" data-testid="error-logs-folder">
              错误已记录在日志中：{props.logsFolder}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary" data-testid="error-message">
            错误信息：<Typography.Text code>{props.error.message || props.error.name}</Typography.Text>
          </Typography.Paragraph>
        </div>
      </Result>
    </div>
  );
}

/**
 * The last resort, when React itself gave up (an error the outer boundary could not catch, e.g. in the error page):
 * a plain message written with DOM calls into the root element.
 */
export function showStaticFailure(root: HTMLElement, err: unknown): void {
  void reportError('render', err);
  // after React has finished taking its tree down
  setTimeout(() => writeStaticFailure(root, err), 0);
}

function writeStaticFailure(root: HTMLElement, err: unknown): void {
  const box = document.createElement('div');
  box.className = 'static-failure';
  box.setAttribute('data-testid', 'static-failure');
  const title = document.createElement('h2');
  title.textContent = '界面出现错误';
  const text = document.createElement('p');
  text.textContent =
    '程序界面没能正常显示，已保存的数据不受影响。请按 Ctrl+R 或点下面的按钮重新载入；如反复出现，请通过菜单“帮助 → 打开日志文件夹”把日志文件夹发给技术支持。';
  const detail = document.createElement('p');
  detail.textContent = `错误信息：${describe(err).message}`;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = '重新载入';
  button.addEventListener('click', () => window.location.reload());
  box.append(title, text, detail, button);
  root.replaceChildren(box);
}

/** Benign browser noise that is not an error of ours. */
function ignorable(event: ErrorEvent): boolean {
  return /ResizeObserver loop/i.test(event.message ?? '');
}

/** Window 'error' and 'unhandledrejection': logged in main, and one short message (not one per repeat). */
export function UnexpectedErrorListener() {
  const { message } = AntApp.useApp();
  useEffect(() => {
    let lastShown = 0;
    const notify = (err: unknown) => {
      const now = Date.now();
      if (now - lastShown < 5000) return;
      lastShown = now;
      const what = err instanceof ApiError ? `${err.message}` : '程序遇到意外错误，当前操作可能没有完成。';
      message.error({
        key: 'unexpected-error',
        duration: 10,
        content: (
          <span data-testid="unexpected-error">
            {what}错误已记入日志。请保存正在进行的工作；如反复出现，请重新载入（Ctrl+R），或通过菜单“帮助 → 打开日志文件夹”把日志发给技术支持。
          </span>
        ),
      });
    };
    const onError = (event: ErrorEvent) => {
      if (ignorable(event)) return;
      const err: unknown = event.error ?? event.message;
      void reportError('error', err);
      notify(err);
    };
    const onRejection = (event: PromiseRejectionEvent) => {
      void reportError('rejection', event.reason);
      notify(event.reason);
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    return () => {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    };
  }, [message]);
  return null;
}

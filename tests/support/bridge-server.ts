/**
 * The e2e test bridge: stands in for Electron's main process and preload in a plain browser.
 * It serves the real renderer bundle (out/renderer) and answers `POST /__api/<channel>` through
 * the very `dispatch` + `handlers` that main binds to IPC, over a real ledger file. The page gets
 * `window.api` from `bridgeInitScript()` (Playwright `addInitScript`), shaped exactly like the preload's.
 *
 * Run by hand to try the UI in a browser: `npx tsx tests/support/bridge-server.ts /tmp/ledger.db [port]`.
 */
import { createServer, type Server } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNELS } from '../../electron/contract/channels';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/content-security-policy';
import { dispatch } from '../../electron/services/dispatch';
import type { HostPorts, ServiceContext } from '../../electron/services/context';
import { Workspace } from '../../electron/services/workspace/workspace';
import { handlers } from '../../electron/services/handlers';

const RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};
// The same policy main sends with every response of the app's own pages.
const CSP = CONTENT_SECURITY_POLICY;

export interface Bridge {
  url: string;
  /** the ledger open right now (it changes when the UI switches ledgers, restores or undoes a sync) */
  readonly ctx: ServiceContext;
  /** the same workspace main uses, with this bridge's fixed dialog answers */
  workspace: Workspace;
  /** change a dialog's answer between steps of a test */
  ports: BridgePorts;
  server: Server;
  close(): Promise<void>;
}

/** The host's dialogs, answered by the test (HostPorts without the workspace). */
export type BridgePorts = Omit<HostPorts, 'workspace'>;

export interface BridgeOptions {
  file: string;
  now?: () => Date;
  port?: number;
  /** where exports go: stands in for main's folder dialog (default: an `exports` folder beside the ledger) */
  exportFolder?: string;
  /** the app's data folder (workspace.json, new ledgers); default: `app-data` beside the ledger */
  dataFolder?: string;
  /** answers of the other dialogs (打开共享台账, 导出为共享台账, 新建台账 …); unset ones say "unavailable" */
  ports?: BridgePorts;
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const exportFolder = opts.exportFolder ?? path.join(path.dirname(opts.file), 'exports');
  // One object, shared with the workspace: a test may change an answer after the bridge started.
  const ports: BridgePorts = Object.assign(
    {
      chooseExportFolder: async () => {
        await mkdir(exportFolder, { recursive: true });
        return exportFolder;
      },
    } satisfies BridgePorts,
    opts.ports ?? {},
  );
  const workspace = new Workspace({
    dataFolder: opts.dataFolder ?? path.join(path.dirname(opts.file), 'app-data'),
    ports,
    now: opts.now,
    // A test decides when to sync: no start-up, timer or exit syncs.
    automaticSync: false,
  });
  workspace.open(opts.file);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'POST' && url.pathname.startsWith('/__api/')) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        let input: unknown;
        try {
          input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
        } catch {
          input = undefined;
        }
        const result = await dispatch(handlers, workspace.current(), decodeURIComponent(url.pathname.slice('/__api/'.length)), input);
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(result));
        return;
      }
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(RENDERER_DIR, rel);
      if (!file.startsWith(RENDERER_DIR + path.sep)) {
        res.writeHead(403).end();
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
      });
      res.end(body);
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      res.writeHead(missing ? 404 : 500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(missing ? 'not found' : String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    get ctx() {
      return workspace.current();
    },
    workspace,
    ports,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await workspace.close();
    },
  };
}

/** The stand-in for the preload: the same `window.api` shape, over fetch instead of IPC. */
export function bridgeInitScript(): string {
  return `(() => {
    const channels = ${JSON.stringify(CHANNELS)};
    const api = {};
    for (const channel of channels) {
      api[channel] = (input) =>
        fetch('/__api/' + encodeURIComponent(channel), { method: 'POST', body: JSON.stringify(input ?? {}) }).then((r) => r.json());
    }
    Object.defineProperty(window, 'api', { value: Object.freeze(api), writable: false });
  })();`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2] ?? path.resolve('.cache/bridge-ledger.db');
  startBridge({ file, port: Number(process.argv[3] ?? 5199) }).then((b) => console.log(`bridge: ${b.url} (ledger ${file})`));
}

import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  DashboardOutlined,
  DatabaseOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  PlusOutlined,
  ProfileOutlined,
  QuestionCircleOutlined,
  SettingOutlined,
  SwapOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App as AntApp, Badge, Button, Layout, Menu, Result, Spin, Tooltip } from 'antd';
import type { InputRef } from 'antd';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, TaskDetail, Unit } from '../../electron/contract';
import { call, errorMessage } from './api';
import {
  AppContext,
  defaultLedgerFilters,
  type AppState,
  type ChaseFocus,
  type ConflictedSets,
  NO_CONFLICTS,
  type ChaseTab,
  type LedgerFilters,
  type NewTaskDefaults,
  type PageKey,
} from './context';
import { ErrorBoundary, noteCurrentPage } from './components/ErrorBoundary';
import { DocumentsProvider } from './documents/DocumentsHost';
import { fmtDate, fmtWeekday, yearOf } from './format';
import Assessment from './pages/Assessment';
import Chase from './pages/Chase';
import Conflicts from './pages/Conflicts';
import Dashboard from './pages/Dashboard';
import Documents from './pages/Documents';
import Files from './pages/Files';
import FirstRun from './pages/FirstRun';
import Help from './pages/Help';
import Ledger from './pages/Ledger';
import Settings from './pages/Settings';
import Units from './pages/Units';
import TaskDetailDrawer from './task/TaskDetailDrawer';
import TaskForm from './task/TaskForm';
import { SharingProvider } from './sharing/SharingProvider';
import SyncStatusBar, { FilesNavLabel } from './sharing/SyncStatusBar';

// 统计分析 carries the chart library: loaded the first time the page is opened, not at start-up.
const Statistics = lazy(() => import('./pages/Statistics'));

const { Sider, Header, Content, Footer } = Layout;

export default function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setInfo(await call('app.info', {}));
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  if (error) {
    return (
      <div className="boot">
        <Result
          status="error"
          title="无法打开台账"
          subTitle={error}
          extra={
            <Button type="primary" onClick={() => void load()}>
              重试
            </Button>
          }
        />
      </div>
    );
  }
  if (!info) {
    return (
      <div className="boot">
        <Spin size="large" description="正在打开台账……">
          <div style={{ width: 240, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (info.firstRun) return <FirstRun info={info} onDone={setInfo} />;
  return <Shell info={info} setInfo={setInfo} />;
}

type FormState = { mode: 'new'; defaults: NewTaskDefaults; key: number } | { mode: 'edit'; detail: TaskDetail; key: number };

/** The shell's pages (公文 is also reached through useDocuments().showRegistry). */
type ShellPage = PageKey;

const PAGE_TITLES: Record<ShellPage, string> = {
  dashboard: '工作台',
  ledger: '督查台账',
  chase: '催办督办',
  documents: '公文',
  assessment: '年度考核',
  statistics: '统计分析',
  units: '单位',
  conflicts: '同步冲突',
  files: '台账文件与共享',
  settings: '设置',
  help: '使用说明',
};

/** The native menu's 帮助 → 使用说明 sets this hash (electron/main/support.ts). */
const HELP_HASH = '#help';

function Shell({ info, setInfo }: { info: AppInfo; setInfo: (info: AppInfo) => void }) {
  const { message } = AntApp.useApp();
  const currentYear = yearOf(info.today);
  const [page, setPage] = useState<ShellPage>('dashboard');
  const [ledgerMounted, setLedgerMounted] = useState(false);
  const [dataVersion, setDataVersion] = useState(0);
  const [units, setUnits] = useState<Unit[]>([]);
  const [openConflicts, setOpenConflicts] = useState(0);
  const [conflicted, setConflicted] = useState<ConflictedSets>(NO_CONFLICTS);
  const [ledgerFilters, setLedgerFilters] = useState<LedgerFilters>(() => defaultLedgerFilters(currentYear));
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [form, setForm] = useState<FormState | null>(null);
  const [searchFocusSignal, setSearchFocusSignal] = useState(0);
  const [chaseFocus, setChaseFocus] = useState<ChaseFocus | null>(null);
  const formKey = useRef(0);
  const ledgerSearchRef = useRef<InputRef | null>(null);
  const pageRef = useRef(page);
  pageRef.current = page;

  const filtersRef = useRef(ledgerFilters);
  filtersRef.current = ledgerFilters;
  const formRef = useRef(form);
  formRef.current = form;

  const navigate = useCallback((p: ShellPage) => {
    if (p === 'ledger') setLedgerMounted(true);
    setPage(p);
  }, []);
  const showDocuments = useCallback(() => navigate('documents'), [navigate]);
  // while a document wizard or editor is open, Ctrl+F / Ctrl+N leave it alone
  const documentsOpenRef = useRef(false);
  const onDocumentsOpenChange = useCallback((open: boolean) => {
    documentsOpenRef.current = open;
  }, []);

  const dataChanged = useCallback(() => setDataVersion((v) => v + 1), []);

  const refreshInfo = useCallback(async () => {
    try {
      setInfo(await call('app.info', {}));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [setInfo, message]);

  useEffect(() => {
    let live = true;
    call('units.list', { includeInactive: true })
      .then((list) => live && setUnits(list))
      .catch((err: unknown) => live && message.error(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [dataVersion, message]);

  // the 同步冲突 badge (open conflicts) and the records that carry one in the lists, recounted after every write
  useEffect(() => {
    let live = true;
    call('conflicts.list', { status: 'open', rowId: null })
      .then((list) => live && setOpenConflicts(list.length))
      .catch(() => live && setOpenConflicts(0));
    call('conflicts.openRecords', {})
      .then(
        (records) =>
          live &&
          setConflicted({ tasks: new Set(records.taskIds), units: new Set(records.unitIds), documents: new Set(records.documentIds) }),
      )
      .catch(() => live && setConflicted(NO_CONFLICTS));
    return () => {
      live = false;
    };
  }, [dataVersion]);

  const newTask = useCallback((defaults: NewTaskDefaults = {}) => {
    if (formRef.current) return;
    formRef.current = { mode: 'new', defaults, key: ++formKey.current };
    setForm(formRef.current);
  }, []);

  const openChase = useCallback(
    (focus: { tab?: ChaseTab; unitId?: string | null }) => {
      setChaseFocus((prev) => ({ tab: focus.tab ?? 'list', unitId: focus.unitId ?? null, key: (prev?.key ?? 0) + 1 }));
      setOpenTaskId(null);
      navigate('chase');
    },
    [navigate],
  );

  const openLedger = useCallback(
    (filters: Partial<LedgerFilters>) => {
      setLedgerFilters((prev) => ({ ...defaultLedgerFilters(prev.year), sortField: prev.sortField, sortOrder: prev.sortOrder, ...filters }));
      setOpenTaskId(null);
      navigate('ledger');
    },
    [navigate],
  );

  // 帮助 → 使用说明 in the native menu: the hash asks for the guide; it is cleared again so that the next ask is a change too.
  useEffect(() => {
    const onHash = () => {
      if (window.location.hash !== HELP_HASH) return;
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      setOpenTaskId(null);
      navigate('help');
    };
    onHash();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [navigate]);

  useEffect(() => noteCurrentPage(PAGE_TITLES[page]), [page]);

  // Global keys: Ctrl+F → ledger search, Ctrl+N → new task. (Esc and Enter belong to each drawer / form.)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (documentsOpenRef.current) return;
      const k = e.key.toLowerCase();
      if (k === 'f') {
        e.preventDefault();
        if (formRef.current) return;
        setOpenTaskId(null);
        if (pageRef.current === 'ledger') ledgerSearchRef.current?.focus({ cursor: 'all' });
        navigate('ledger');
        setSearchFocusSignal((s) => s + 1);
      } else if (k === 'n') {
        e.preventDefault();
        const f = filtersRef.current;
        newTask({ source: f.source, year: f.year });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate, newTask]);

  const state: AppState = useMemo(
    () => ({
      info,
      setInfo,
      refreshInfo,
      currentYear,
      dataVersion,
      dataChanged,
      units,
      conflicted,
      page,
      navigate,
      ledgerFilters,
      setLedgerFilters,
      openLedger,
      openTask: (id: string) => setOpenTaskId(id),
      openChase,
      chaseFocus,
      newTask,
      editTask: (detail: TaskDetail) => {
        if (formRef.current) return;
        formRef.current = { mode: 'edit', detail, key: ++formKey.current };
        setForm(formRef.current);
      },
      searchFocusSignal,
      ledgerSearchRef,
    }),
    [
      info,
      setInfo,
      refreshInfo,
      currentYear,
      dataVersion,
      dataChanged,
      units,
      conflicted,
      page,
      navigate,
      ledgerFilters,
      openLedger,
      openChase,
      chaseFocus,
      newTask,
      searchFocusSignal,
    ],
  );

  const menuItems = [
    { key: 'dashboard', icon: <DashboardOutlined />, label: '工作台' },
    { key: 'ledger', icon: <ProfileOutlined />, label: '督查台账' },
    { key: 'chase', icon: <BellOutlined />, label: '催办督办' },
    { key: 'documents', icon: <FileTextOutlined />, label: '公文' },
    { key: 'assessment', icon: <AuditOutlined />, label: '年度考核' },
    { key: 'statistics', icon: <BarChartOutlined />, label: '统计分析' },
    { key: 'units', icon: <ApartmentOutlined />, label: '单位' },
    {
      key: 'conflicts',
      icon: <SwapOutlined />,
      label: (
        <span className="nav-conflicts" data-testid="nav-conflicts" data-count={openConflicts}>
          同步冲突
          {openConflicts > 0 && <Badge count={openConflicts} size="small" className="nav-badge" title={`${openConflicts} 处待确认`} data-testid="nav-conflicts-badge" />}
        </span>
      ),
    },
    { key: 'files', icon: <FolderOpenOutlined />, label: <FilesNavLabel /> },
    { key: 'settings', icon: <SettingOutlined />, label: '设置' },
  ];

  return (
    <AppContext.Provider value={state}>
      <DocumentsProvider showRegistry={showDocuments} onOpenChange={onDocumentsOpenChange}>
        <SharingProvider>
        <Layout className="shell">
          <Sider width={168} className="shell-sider" theme="dark">
            <div className="brand">
              <span className="brand-seal">督</span>
              <span className="brand-name">督查台账</span>
            </div>
            <Menu
              theme="dark"
              mode="inline"
              selectedKeys={[page]}
              items={menuItems}
              onClick={({ key }) => (key === 'chase' ? openChase({}) : navigate(key as ShellPage))}
              data-testid="nav-menu"
            />
          </Sider>
          <Layout className="shell-main">
            <Header className="shell-header">
              <div className="header-title">
                <span className="header-office" data-testid="office-name">
                  {info.officeName || '督查科'}
                </span>
                <span className="header-sep">/</span>
                <span className="header-page">{PAGE_TITLES[page]}</span>
              </div>
              <div className="header-right">
                <span className="header-today">
                  今天 {fmtDate(info.today)} {fmtWeekday(info.today)}
                </span>
                <Tooltip title="新建督查事项（Ctrl+N）">
                  <Button
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={() => newTask({ source: ledgerFilters.source, year: ledgerFilters.year })}
                    data-testid="new-task"
                  >
                    新建事项
                  </Button>
                </Tooltip>
                <Tooltip title="使用说明（F1）">
                  <Button type="text" icon={<QuestionCircleOutlined />} onClick={() => navigate('help')} data-testid="open-help">
                    帮助
                  </Button>
                </Tooltip>
                <span className="header-operator" data-testid="operator-name">
                  <UserOutlined /> {info.operator || '经办人'}
                </span>
              </div>
            </Header>
            <Content className="shell-content">
              {/* a page that fails to render shows 界面出现错误 here; the sider and header stay usable */}
              <ErrorBoundary scope="page" resetKey={page}>
                {page === 'dashboard' && <Dashboard />}
                {ledgerMounted && (
                  <div className="page-host" style={{ display: page === 'ledger' ? 'flex' : 'none' }}>
                    <Ledger active={page === 'ledger'} />
                  </div>
                )}
                {page === 'chase' && <Chase />}
                {page === 'documents' && <Documents />}
                {page === 'assessment' && <Assessment />}
                {page === 'statistics' && (
                  <Suspense fallback={<Spin className="page" description="正在加载统计图表……" />}>
                    <Statistics />
                  </Suspense>
                )}
                {page === 'units' && <Units />}
                {page === 'conflicts' && <Conflicts />}
                {page === 'files' && <Files />}
                {page === 'settings' && <Settings />}
                {page === 'help' && <Help />}
              </ErrorBoundary>
            </Content>
            <Footer className="status-bar" data-testid="status-bar">
              <span>
                <DatabaseOutlined /> 本地台账
              </span>
              <Tooltip title={info.dbPath}>
                <span className="status-path" data-testid="db-path">
                  {info.dbPath}
                </span>
              </Tooltip>
              <SyncStatusBar />
              <span>结构版本 {info.schemaVersion}</span>
              <span>临期提醒 {info.dueSoonWorkdays} 个工作日</span>
              <span className="status-keys">Ctrl+F 搜索 · Ctrl+N 新建 · Enter 保存 · Esc 关闭</span>
            </Footer>
          </Layout>
        </Layout>
        <TaskDetailDrawer taskId={openTaskId} onClose={() => setOpenTaskId(null)} />
        {form && (
          <TaskForm
            key={form.key}
            mode={form.mode}
            detail={form.mode === 'edit' ? form.detail : null}
            defaults={form.mode === 'new' ? form.defaults : {}}
            onClose={() => {
              formRef.current = null;
              setForm(null);
            }}
            onSaved={(detail) => {
              formRef.current = null;
              setForm(null);
              dataChanged();
              setOpenTaskId(detail.task.id);
            }}
          />
        )}
        </SharingProvider>
      </DocumentsProvider>
    </AppContext.Provider>
  );
}

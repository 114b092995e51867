import './zodSetup';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import App from './App';
import { ErrorBoundary, showStaticFailure, UnexpectedErrorListener } from './components/ErrorBoundary';
import './styles.css';

dayjs.locale('zh-cn');

const FONT =
  '"Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", system-ui, sans-serif';

const root = document.getElementById('root');
if (root) {
  // Whatever no boundary caught still leaves a message in the window, never a blank one.
  createRoot(root, { onUncaughtError: (error) => showStaticFailure(root, error) }).render(
    <StrictMode>
      <ConfigProvider
        locale={zhCN}
        theme={{
          token: {
            colorPrimary: '#1f5fbf',
            colorSuccess: '#2f9e44',
            colorWarning: '#e8a317',
            colorError: '#d9363e',
            borderRadius: 4,
            fontSize: 13,
            controlHeight: 30,
            fontFamily: FONT,
          },
          components: {
            Layout: { headerHeight: 48, headerPadding: '0 16px', siderBg: '#14264a', headerBg: '#ffffff' },
            Menu: { darkItemBg: '#14264a', darkItemSelectedBg: '#1f5fbf', darkSubMenuItemBg: '#14264a' },
            Table: { cellPaddingBlockSM: 6 },
          },
        }}
      >
        <AntApp>
          <UnexpectedErrorListener />
          <ErrorBoundary scope="app">
            <App />
          </ErrorBoundary>
        </AntApp>
      </ConfigProvider>
    </StrictMode>,
  );
}

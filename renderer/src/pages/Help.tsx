/**
 * 使用说明: a short guide, in the app, for the officer at the desk — reached from 帮助 in the header and from the
 * native menu 帮助 → 使用说明 (F1). Plain text, no data but this PC's ledger file and schema version at the foot.
 */
import { Card, Col, Descriptions, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useAppState } from '../context';

interface Section {
  key: string;
  title: string;
  items: ReactNode[];
}

const SECTIONS: Section[] = [
  {
    key: 'first',
    title: '一、首次使用',
    items: [
      '第一次打开时填写经办人姓名和发文机关名称；可以载入演示数据先熟悉操作。正式使用时，用菜单“文件 → 新建台账…”建一本空白台账。',
      '在“单位”页核对责任单位名单。不再使用的单位请停用，历史记录仍然保留。',
      '在“设置”中核对临期提醒天数、节假日调整、报送节奏与催办、考核规则。',
    ],
  },
  {
    key: 'tasks',
    title: '二、录入事项与进度',
    items: [
      '点右上角“新建事项”（Ctrl+N）：选择来源，填写事项名称、牵头和配合单位、交办日期和办理时限（日或工作日），或直接指定期限。按工作日计算时自动跳过周末和法定节假日。',
      '在“督查台账”中按来源、年度、单位、状态筛选，Ctrl+F 搜索。点一行打开事项详情，登记进度报告、督办记录和延期申请，完成后标记办结。',
      '亮灯：绿色正常推进，黄色临期，红色逾期，橙色滞后于计划，灰色已办结。',
    ],
  },
  {
    key: 'chase',
    title: '三、催办与通报',
    items: [
      '“工作台”列出每天要盯的事项和单位；“催办督办”页的催办名单按单位列出逾期未报送、本期未报送和过期未回复的事项。',
      '可按单位批量起草催办通知，并登记催办方式和日期。多次被催办的单位，会在下一期情况通报中列出。',
      '报送情况、回复与整改、移送纪检监察在“催办督办”页的各个标签中。',
    ],
  },
  {
    key: 'documents',
    title: '四、公文起草与签发',
    items: [
      '在“公文”页点“起草公文”，由台账数据生成督办单、督查通知书、催办通知、情况通报、表扬/批评通报等，修改后导出为 Word（按 GB/T 9704 排版）。',
      '公文流程：草稿 → 送签 → 已签发。签发时编定文号，文号不重不漏；已签发的公文不再修改，需要更正时另发更正。',
    ],
  },
  {
    key: 'sharing',
    title: '五、共享台账与同步',
    items: [
      '本机工作副本：您录入的内容始终保存在本机的台账文件中。共享台账放在网络共享文件夹或 U 盘上，程序从不直接修改它，只在同步时与它交换双方的修改。',
      '第一台电脑用“文件 → 导出为共享台账…”；其他电脑用“文件 → 打开共享台账…”，在本机建立工作副本。',
      '同步：“文件 → 立即同步”（Ctrl+Shift+S）；启动、退出时和按设定的间隔也会自动同步。底部状态栏显示上次同步的时间。',
      '冲突：两台电脑改了同一内容时，在“同步冲突”页逐条选择保留本机、采用对方或手动编辑。',
      '撤销：同步结果中可以“撤销本次同步”，本机台账回到同步前的备份；撤销后自动同步暂停，下次手动同步后恢复。',
    ],
  },
  {
    key: 'backup',
    title: '六、备份与恢复',
    items: [
      '程序在启动时、每天、每次同步前和升级数据库前自动备份台账。',
      '在“台账文件与共享”页可以立即备份、更改备份文件夹，或用某一份备份恢复（当前台账先改名保留，不会删除）。',
      '建议定期把备份文件夹复制到 U 盘或另一台电脑。',
    ],
  },
  {
    key: 'excel',
    title: '七、Excel 导入导出',
    items: [
      '“督查台账”页的“导入 Excel”：选择细化分解表或实施计划表，核对每一列对应的内容和每一行的问题后导入；可以跳过有错误的行。',
      '“导出 Excel”导出当前筛选出的事项。“单位”页可以导出各单位的反馈表，单位填好交回后用“导入反馈表”登记为进度报告。',
    ],
  },
  {
    key: 'print',
    title: '八、打印',
    items: ['“督查台账”和“工作台”上的“打印”可以打印或导出 PDF。台账按当前筛选打印全部行，A4 横向，每页都有表头和页码。'],
  },
];

const FAQ: Array<{ q: string; a: string }> = [
  {
    q: '同步时提示共享台账被锁定',
    a: '另一台电脑正在同步，请稍后再试。如果对方电脑曾在同步时断电或断网，锁定会留在共享文件夹里：确认对方没有在同步后，可以选择“解除锁定并同步”。',
  },
  {
    q: '台账打不开',
    a: '启动时如提示台账文件损坏，可以“从最近的备份恢复”（损坏的文件改名保留，不会删除），也可以“选择其他文件”或“新建空白台账”。台账文件不能放在网络共享文件夹或 U 盘上，这时请选择“作为共享台账打开”。',
  },
  {
    q: '2027 年以后的节假日',
    a: '程序内置了 2026 年及以前的法定节假日安排。从 2027 年起，每年国务院办公厅公布放假安排后，请在“设置 → 节假日调整”中逐日录入放假和调休上班日期，否则按工作日计算的期限只跳过周末。',
  },
  {
    q: '程序出错或界面显示不正常',
    a: '点“重新载入”（或按 Ctrl+R）。如反复出现，请通过菜单“帮助 → 打开日志文件夹”把日志文件夹发给技术支持；“帮助 → 关于督查台账”显示版本、数据文件夹、台账文件和数据库结构版本。',
  },
];

export default function Help() {
  const { info } = useAppState();
  return (
    <div className="page help-page" data-testid="help-page">
      <div className="page-toolbar">
        <Typography.Title level={4} style={{ margin: 0 }}>
          使用说明
        </Typography.Title>
        <Typography.Text type="secondary">快捷键：Ctrl+N 新建事项 · Ctrl+F 搜索 · Enter 保存 · Esc 关闭 · F1 使用说明</Typography.Text>
      </div>
      <Row gutter={[12, 12]}>
        {SECTIONS.map((s) => (
          <Col key={s.key} xs={24} xl={12}>
            <Card size="small" title={s.title} data-testid={`help-${s.key}`}>
              <ul>
                {s.items.map((item, i) => (
                  <li key={i}>{item}</li>
                ))}
              </ul>
            </Card>
          </Col>
        ))}
        <Col span={24}>
          <Card size="small" title="九、常见问题" data-testid="help-faq">
            {FAQ.map((f) => (
              <div key={f.q}>
                <Typography.Title level={5}>{f.q}</Typography.Title>
                <Typography.Paragraph>{f.a}</Typography.Paragraph>
              </div>
            ))}
          </Card>
        </Col>
        <Col span={24}>
          <Descriptions
            size="small"
            bordered
            column={1}
            title="本机台账"
            items={[
              { key: 'file', label: '台账文件', children: <span data-testid="help-db-path">{info.dbPath}</span> },
              { key: 'schema', label: '数据库结构版本', children: info.schemaVersion },
            ]}
          />
        </Col>
      </Row>
    </div>
  );
}

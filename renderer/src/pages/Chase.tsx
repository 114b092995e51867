/**
 * 催办督办 (seed 二(一), 三(三)): who is to be chased and why, what each unit reported per period, the answers
 * signed documents are waiting for, and the referrals to 纪检监察.
 */
import { Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAppState, type ChaseTab } from '../context';
import ChaseListTab from '../workflow/ChaseListTab';
import FeedbackTab from '../workflow/FeedbackTab';
import { yearOptions } from '../workflow/labels';
import ObligationsTab from '../workflow/ObligationsTab';
import ReferralsTab from '../workflow/ReferralsTab';

export default function Chase() {
  const { info, currentYear, chaseFocus } = useAppState();
  const [year, setYear] = useState(currentYear);
  const [tab, setTab] = useState<ChaseTab>(chaseFocus?.tab ?? 'list');

  useEffect(() => {
    if (chaseFocus) setTab(chaseFocus.tab);
  }, [chaseFocus]);

  return (
    <div className="page chase-page" data-testid="chase-page">
      <div className="page-toolbar">
        <Space size="middle" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {year}年催办督办
          </Typography.Title>
          <Select value={year} onChange={setYear} options={yearOptions(currentYear, info.years)} style={{ width: 110 }} aria-label="年度" data-testid="chase-year" />
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as ChaseTab)}
        destroyOnHidden
        data-testid="chase-tabs"
        items={[
          { key: 'list', label: '催办名单', children: <ChaseListTab year={year} focus={chaseFocus} /> },
          { key: 'feedback', label: '报送情况', children: <FeedbackTab year={year} /> },
          { key: 'obligations', label: '回复与整改', children: <ObligationsTab year={year} focus={chaseFocus} /> },
          { key: 'referrals', label: '移送纪检监察', children: <ReferralsTab year={year} focus={chaseFocus} /> },
        ]}
      />
    </div>
  );
}

/** Classes at risk, each a link to its class: low attendance, missing daily records, serious incidents open, overdue items. */
import { Empty, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { DashboardRisk } from './api';

const KIND: Record<DashboardRisk['kind'], { word: string; color: string }> = {
  attendance: { word: '出勤率偏低', color: 'orange' },
  records: { word: '台账缺记', color: 'gold' },
  incident: { word: '安全事件未结', color: 'red' },
  overdue: { word: '整改逾期', color: 'volcano' },
};
const ORDER: DashboardRisk['kind'][] = ['incident', 'overdue', 'attendance', 'records'];

export function RiskList({ risks, minAttendance }: { risks: DashboardRisk[]; minAttendance: number }) {
  if (risks.length === 0)
    return <Empty description={`没有风险提示（出勤率不低于 ${minAttendance}%，台账齐全，无未结安全事件和逾期整改）`} />;
  const sorted = [...risks].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || b.value - a.value);
  return (
    <Table<DashboardRisk>
      rowKey={(r) => `${r.kind}-${r.classId}`}
      size="middle"
      dataSource={sorted}
      pagination={sorted.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      columns={[
        {
          title: '风险',
          dataIndex: 'kind',
          width: 130,
          filters: ORDER.map((k) => ({ text: KIND[k].word, value: k })),
          onFilter: (v, r) => r.kind === v,
          render: (k: DashboardRisk['kind']) => <Tag color={KIND[k].color}>{KIND[k].word}</Tag>,
        },
        {
          title: '托管班',
          dataIndex: 'className',
          render: (_, r) => (
            <>
              <Link to={`/classes/${r.classId}`}>{r.className}</Link>
              <div style={{ color: '#8c8c8c', fontSize: 13 }}>{r.unitName}</div>
            </>
          ),
        },
        { title: '情况', dataIndex: 'detail' },
      ]}
    />
  );
}

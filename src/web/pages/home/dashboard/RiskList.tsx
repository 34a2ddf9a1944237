/**
 * Classes at risk, each a link to its class: low attendance, missing daily records, serious incidents open, overdue
 * items — in the server's order (the most serious kind first, the worst first within a kind). A national view lists
 * the worst of each kind only; the note says how many there are and that the .xlsx lists them all.
 */
import { Alert, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Dashboard, DashboardRisk } from './api';

const COLOR: Record<DashboardRisk['kind'], string> = {
  attendance: 'orange',
  records: 'gold',
  incident: 'red',
  overdue: 'volcano',
};
const ORDER: DashboardRisk['kind'][] = ['incident', 'overdue', 'attendance', 'records'];

export function RiskList({
  risks,
  counts,
  minAttendance,
}: {
  risks: DashboardRisk[];
  counts: Dashboard['riskCounts'];
  minAttendance: number;
}) {
  const { t } = useTranslation();
  const word = (k: DashboardRisk['kind']) => t(`dashboard.risk.kind.${k}`);
  if (risks.length === 0) return <Empty description={t('dashboard.risk.none', { min: minAttendance })} />;
  const sorted = risks;
  const total = ORDER.reduce((s, k) => s + counts[k], 0);
  const shown = (k: DashboardRisk['kind']) => risks.filter((r) => r.kind === k).length;
  const cut = ORDER.filter((k) => counts[k] > shown(k));
  return (
    <>
      {cut.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('dashboard.risk.truncated', {
            total,
            kinds: cut
              .map((k) => t('dashboard.risk.kindCount', { kind: word(k), shown: shown(k), count: counts[k] }))
              .join(t('dashboard.risk.sep')),
          })}
        />
      )}
      <Table<DashboardRisk>
        rowKey={(r) => `${r.kind}-${r.classId}`}
        size="middle"
        dataSource={sorted}
        pagination={sorted.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        columns={[
          {
            title: t('dashboard.risk.col.kind'),
            dataIndex: 'kind',
            width: 130,
            filters: ORDER.map((k) => ({ text: word(k), value: k })),
            onFilter: (v, r) => r.kind === v,
            render: (k: DashboardRisk['kind']) => <Tag color={COLOR[k]}>{word(k)}</Tag>,
          },
          {
            title: t('dashboard.risk.col.class'),
            dataIndex: 'className',
            render: (_, r) => (
              <>
                <Link to={`/classes/${r.classId}`}>{r.className}</Link>
                <div style={{ color: '#8c8c8c', fontSize: 13 }}>{r.unitName}</div>
              </>
            ),
          },
          {
            title: t('dashboard.risk.col.detail'),
            dataIndex: 'detail',
            // The server words the detail in Chinese; it is worded again here from the same number in the user's language.
            render: (_, r) => t(`dashboard.risk.detail.${r.kind}`, { value: r.value, min: minAttendance }),
          },
        ]}
      />
    </>
  );
}

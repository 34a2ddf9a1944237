/**
 * A district's (or the city's) report: the organisations below with their figures, the totals the report rolls
 * up, and who has not reported yet.
 */
import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { Breakdown as BreakdownData } from '../api';
import { ReportStateTag, useFigureText } from './states';

type Row = BreakdownData['rows'][number];

export function Breakdown({ breakdown }: { breakdown: BreakdownData }) {
  const { t } = useTranslation();
  const text = useFigureText();
  const navigate = useNavigate();
  const { columns, rows, totals, notReported } = breakdown;
  return (
    <div data-testid="report-breakdown">
      {notReported.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <span data-testid="not-reported">
              {t('reports.breakdown.notReported')}
              {notReported.map((o) => o.orgName).join('、')}
            </span>
          }
        />
      ) : (
        <Alert type="success" showIcon style={{ marginBottom: 12 }} message={t('reports.breakdown.allReported')} />
      )}
      <Table<Row>
        size="small"
        bordered
        rowKey="orgId"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('reports.breakdown.org'),
            key: 'org',
            fixed: 'left',
            render: (_, r) =>
              r.reportId === null ? (
                r.orgName
              ) : (
                <Typography.Link onClick={() => navigate(`/reports/${r.reportId}`)}>{r.orgName}</Typography.Link>
              ),
          },
          {
            title: t('reports.breakdown.status'),
            key: 'status',
            width: 100,
            render: (_, r) => <ReportStateTag status={r.status} state={r.state} />,
          },
          ...columns.map((c, i) => ({
            title: c.label,
            key: c.key,
            align: 'right' as const,
            render: (_: unknown, r: Row) => text({ value: r.values[i] ?? null, unit: c.unit }),
          })),
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <Typography.Text strong>{t('reports.breakdown.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} />
            {columns.map((c, i) => (
              <Table.Summary.Cell key={c.key} index={i + 2} align="right">
                <Typography.Text strong>{text({ value: totals[i] ?? null, unit: c.unit })}</Typography.Text>
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

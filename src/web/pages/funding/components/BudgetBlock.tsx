/**
 * The budget as the district sees it at approval (#16): the current version's totals by source and by purpose,
 * the budget total, and the planned cost per child-day (total ÷ capacity × working days). Every figure is the
 * funding API's (/api/classes/{id}/budget); nothing is added up here beyond laying out its rows.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FUNDING_PURPOSES, FUNDING_SOURCES } from '../../../../domain/funding/labels';
import { type Budget, budgetKey, fetchBudget } from '../api';
import { purposeLabel, sourceLabel } from './labels';
import { yuan } from './money';

type AmountRow = { key: string; budgetFen: number };

function TotalledTable({
  rows,
  title,
  label,
  totalFen,
}: {
  rows: AmountRow[];
  title: string;
  label: (k: string) => string;
  totalFen: number;
}) {
  const { t } = useTranslation();
  return (
    <Table<AmountRow>
      style={{ marginTop: 4 }}
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={rows}
      columns={[
        { title, dataIndex: 'key', render: label },
        { title: t('funding.budgeted'), dataIndex: 'budgetFen', align: 'right', render: (f: number) => yuan(f) },
        {
          title: t('funding.share'),
          dataIndex: 'budgetFen',
          key: 'share',
          align: 'right',
          width: 80,
          render: (f: number) => (totalFen > 0 ? `${((f * 100) / totalFen).toFixed(1)} %` : '—'),
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>
            <b>{t('funding.budgetTotal')}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <b>{yuan(totalFen)}</b>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right">
            {totalFen > 0 ? '100.0 %' : ''}
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

function versionLine(b: Budget, t: (k: string, o?: Record<string, unknown>) => string) {
  const when = b.setAt?.slice(0, 10) ?? '';
  return b.setByName
    ? t('funding.budgetVersion', { version: b.version, who: b.setByName, when })
    : t('funding.budgetVersionNoWho', { version: b.version, when });
}

export function BudgetBlock({ classId }: { classId: number }) {
  const { t } = useTranslation();
  // A reader without access to the money (a volunteer) simply gets no block.
  const q = useQuery({ queryKey: budgetKey(classId), queryFn: () => fetchBudget(classId), retry: false });
  if (!q.data) return null;
  const b = q.data;
  const bySource = FUNDING_SOURCES.map((s) => ({ key: s, budgetFen: b.bySource[s]?.budgetFen ?? 0 })).filter(
    (r) => r.budgetFen > 0,
  );
  const byPurpose = FUNDING_PURPOSES.map((p) => ({ key: p, budgetFen: b.byPurpose[p]?.budgetFen ?? 0 })).filter(
    (r) => r.budgetFen > 0,
  );
  return (
    <Card
      size="small"
      title={t('funding.budget')}
      style={{ marginTop: 16 }}
      data-testid="budget-block"
      extra={
        b.version > 0 && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {versionLine(b, t)}
          </Typography.Text>
        )
      }
    >
      {b.lines.length === 0 ? (
        <Typography.Text type="warning">{t('funding.noBudget')}</Typography.Text>
      ) : (
        <>
          <Row gutter={[24, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} sm={8}>
              <Statistic title={t('funding.budgetTotal')} value={yuan(b.totalFen)} data-testid="budget-total" />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic
                title={t('funding.plannedChildDays')}
                value={b.plannedChildDays ?? '—'}
                data-testid="budget-planned-child-days"
              />
            </Col>
            <Col xs={12} sm={8}>
              <Statistic
                title={t('funding.plannedCostPerChildDay')}
                value={b.plannedCostPerChildDayFen != null ? yuan(b.plannedCostPerChildDayFen) : '—'}
                data-testid="budget-planned-cost"
              />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {b.plannedChildDays != null ? t('funding.plannedHint') : t('funding.plannedUnknown')}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {/* The headings also keep each table from being an :only-child, which antd indents inside a table row. */}
            <Col xs={24} xl={12} data-testid="budget-by-source">
              <Typography.Text strong>{t('funding.bySource')}</Typography.Text>
              <TotalledTable rows={bySource} title={t('funding.source')} label={sourceLabel} totalFen={b.totalFen} />
            </Col>
            <Col xs={24} xl={12} data-testid="budget-by-purpose">
              <Typography.Text strong>{t('funding.byPurpose')}</Typography.Text>
              <TotalledTable rows={byPurpose} title={t('funding.purpose')} label={purposeLabel} totalFen={b.totalFen} />
            </Col>
          </Row>
        </>
      )}
    </Card>
  );
}

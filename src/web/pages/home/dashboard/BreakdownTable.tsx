/** The rows (districts and industry unions, a district's units, a unit's classes) with the totals; sortable. */
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ClassStatus } from '../../../../domain/classes/lifecycle';
import { classStatusLabel } from '../../../app/careLabels';
import type { Dashboard, DashboardRow } from './api';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (k: (r: DashboardRow) => number) => (a: DashboardRow, b: DashboardRow) => k(a) - k(b);
const nullable = (k: (r: DashboardRow) => number | null) => (a: DashboardRow, b: DashboardRow) =>
  (k(a) ?? -1) - (k(b) ?? -1);

export function BreakdownTable({ view, drillHref }: { view: Dashboard; drillHref: (id: number) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const classes = view.org.kind === 'unit';
  const columns: ColumnsType<DashboardRow> = [
    {
      key: classes ? 'classes' : 'org',
      title: classes ? t('dashboard.col.classes') : t('dashboard.col.org'),
      dataIndex: 'name',
      fixed: 'left',
      // Long unit names wrap instead of pushing the last columns out of a 1440 px screen.
      width: 170,
      onCell: () => ({ style: { whiteSpace: 'normal', wordBreak: 'break-all' } }),
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (_, r) =>
        r.kind === 'class' ? (
          <Link to={`/classes/${r.id}`}>{r.name}</Link>
        ) : r.drill ? (
          <Link to={drillHref(r.id)}>{r.name}</Link>
        ) : (
          r.name
        ),
    },
    classes
      ? {
          key: 'status',
          title: t('dashboard.col.status'),
          dataIndex: 'status',
          render: (s: string | null) => (s ? <Tag>{classStatusLabel(s as ClassStatus, lang)}</Tag> : ''),
        }
      : {
          key: 'unitsDelivering',
          title: t('dashboard.col.unitsDelivering'),
          dataIndex: 'unitsDelivering',
          align: 'right',
          sorter: num((r) => r.unitsDelivering),
        },
    ...(classes
      ? []
      : ([
          {
            key: 'classes',
            title: t('dashboard.col.classes'),
            align: 'right',
            sorter: num((r) => r.classes.total),
            render: (_, r) => r.classes.total,
          },
          {
            key: 'enrolling',
            title: t('dashboard.col.enrolling'),
            align: 'right',
            sorter: num((r) => r.classes.enrolling),
            render: (_, r) => r.classes.enrolling,
          },
          {
            key: 'running',
            title: t('dashboard.col.running'),
            align: 'right',
            sorter: num((r) => r.classes.running),
            render: (_, r) => r.classes.running,
          },
          {
            key: 'finished',
            title: t('dashboard.col.finished'),
            align: 'right',
            sorter: num((r) => r.classes.finished),
            render: (_, r) => r.classes.finished,
          },
        ] as ColumnsType<DashboardRow>)),
    {
      key: 'capacity',
      title: t('dashboard.col.capacity'),
      dataIndex: 'capacity',
      align: 'right',
      sorter: num((r) => r.capacity),
    },
    {
      key: 'children',
      title: t('dashboard.col.children'),
      dataIndex: 'children',
      align: 'right',
      sorter: num((r) => r.children),
    },
    {
      key: 'families',
      title: t('dashboard.col.families'),
      dataIndex: 'families',
      align: 'right',
      sorter: num((r) => r.families),
    },
    {
      key: 'attendanceRate',
      title: t('dashboard.col.attendanceRate'),
      dataIndex: 'attendanceRate',
      align: 'right',
      sorter: nullable((r) => r.attendanceRate),
      render: (v: number | null) => (
        <span style={{ color: v !== null && v < view.minAttendanceRate ? '#cf1322' : undefined }}>{pct(v)}</span>
      ),
    },
    {
      key: 'satisfaction',
      title: t('satisfaction.parents'),
      dataIndex: 'satisfaction',
      align: 'right',
      sorter: nullable((r) => r.satisfaction),
      render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
    },
    {
      key: 'failingClasses',
      title: t('dashboard.col.failingClasses'),
      dataIndex: 'failingClasses',
      align: 'right',
      sorter: num((r) => r.failingClasses),
    },
    {
      key: 'items',
      title: t('dashboard.col.items'),
      align: 'right',
      sorter: num((r) => r.openItems),
      render: (_, r) => (
        <>
          {r.openItems}
          {r.overdueItems > 0 && (
            <span style={{ color: '#cf1322' }}>{t('dashboard.overdueCount', { count: r.overdueItems })}</span>
          )}
        </>
      ),
    },
    ...(classes
      ? []
      : ([
          {
            key: 'reportingRate',
            title: t('dashboard.col.reportingRate'),
            dataIndex: 'reportingRate',
            align: 'right',
            sorter: nullable((r) => r.reportingRate),
            render: (v: number | null) => pct(v),
          },
        ] as ColumnsType<DashboardRow>)),
  ];
  const totals = view.totals;
  return (
    <Table<DashboardRow>
      rowKey="id"
      // English: compact cells (8 px padding instead of 16), so that thirteen columns of whole English words fit a
      // 1440 px screen beside the menu without scrolling sideways.
      size={lang === 'en' ? 'small' : 'middle'}
      className={lang === 'en' ? 'dashboard-table dashboard-table-en' : 'dashboard-table'}
      // English headers do not break between characters: the columns take the width of their longest word (the
      // table scrolls sideways if it must) instead of the fixed layout's equal shares.
      tableLayout={lang === 'en' ? 'auto' : undefined}
      columns={columns}
      dataSource={view.rows}
      pagination={false}
      // Rows have a `children` count: not tree data.
      expandable={{ childrenColumnName: 'subRows' }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: classes ? t('dashboard.emptyClasses') : t('dashboard.emptyOrgs') }}
      summary={() =>
        view.rows.length > 0 && (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              {columns.map((c, i) => (
                <Table.Summary.Cell key={String(c.key)} index={i} align={i === 0 ? 'left' : 'right'}>
                  {summaryCell(String(c.key), totals, classes, t)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}

function summaryCell(key: string, totals: DashboardRow, classes: boolean, t: TFunction): string | number {
  const r = totals;
  switch (key) {
    case 'classes':
      return classes ? t('dashboard.total') : r.classes.total;
    case 'org':
      return t('dashboard.total');
    case 'status':
      return t('dashboard.classCount', { count: r.classes.total });
    case 'unitsDelivering':
      return r.unitsDelivering;
    case 'enrolling':
      return r.classes.enrolling;
    case 'running':
      return r.classes.running;
    case 'finished':
      return r.classes.finished;
    case 'capacity':
      return r.capacity;
    case 'children':
      return r.children;
    case 'families':
      return r.families;
    case 'attendanceRate':
      return pct(r.attendanceRate);
    case 'satisfaction':
      return r.satisfaction === null ? '—' : r.satisfaction.toFixed(1);
    case 'failingClasses':
      return r.failingClasses;
    case 'items':
      return r.overdueItems
        ? t('dashboard.itemsWithOverdue', { open: r.openItems, overdue: r.overdueItems })
        : r.openItems;
    case 'reportingRate':
      return pct(r.reportingRate);
    default:
      return '';
  }
}

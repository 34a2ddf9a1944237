/** The rows (districts and industry unions, a district's units, a unit's classes) with the totals; sortable. */
import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import type { ClassStatus } from '../../../../domain/classes/lifecycle';
import { classStatusLabel } from '../../../app/careLabels';
import type { Dashboard, DashboardRow } from './api';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (k: (r: DashboardRow) => number) => (a: DashboardRow, b: DashboardRow) => k(a) - k(b);
const nullable = (k: (r: DashboardRow) => number | null) => (a: DashboardRow, b: DashboardRow) =>
  (k(a) ?? -1) - (k(b) ?? -1);

export function BreakdownTable({ view, drillHref }: { view: Dashboard; drillHref: (id: number) => string }) {
  const classes = view.org.kind === 'unit';
  const columns: ColumnsType<DashboardRow> = [
    {
      title: classes ? '托管班' : '组织',
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
          title: '状态',
          dataIndex: 'status',
          render: (s: string | null) => (s ? <Tag>{classStatusLabel(s as ClassStatus)}</Tag> : ''),
        }
      : { title: '开班单位', dataIndex: 'unitsDelivering', align: 'right', sorter: num((r) => r.unitsDelivering) },
    ...(classes
      ? []
      : ([
          { title: '托管班', align: 'right', sorter: num((r) => r.classes.total), render: (_, r) => r.classes.total },
          {
            title: '报名中',
            align: 'right',
            sorter: num((r) => r.classes.enrolling),
            render: (_, r) => r.classes.enrolling,
          },
          {
            title: '运行中',
            align: 'right',
            sorter: num((r) => r.classes.running),
            render: (_, r) => r.classes.running,
          },
          {
            title: '已结束',
            align: 'right',
            sorter: num((r) => r.classes.finished),
            render: (_, r) => r.classes.finished,
          },
        ] as ColumnsType<DashboardRow>)),
    { title: '名额', dataIndex: 'capacity', align: 'right', sorter: num((r) => r.capacity) },
    { title: '在托儿童', dataIndex: 'children', align: 'right', sorter: num((r) => r.children) },
    { title: '服务家庭', dataIndex: 'families', align: 'right', sorter: num((r) => r.families) },
    {
      title: '出勤率',
      dataIndex: 'attendanceRate',
      align: 'right',
      sorter: nullable((r) => r.attendanceRate),
      render: (v: number | null) => (
        <span style={{ color: v !== null && v < view.minAttendanceRate ? '#cf1322' : undefined }}>{pct(v)}</span>
      ),
    },
    { title: '不合规班', dataIndex: 'failingClasses', align: 'right', sorter: num((r) => r.failingClasses) },
    {
      title: '整改（逾期）',
      align: 'right',
      sorter: num((r) => r.openItems),
      render: (_, r) => (
        <>
          {r.openItems}
          {r.overdueItems > 0 && <span style={{ color: '#cf1322' }}>（{r.overdueItems}）</span>}
        </>
      ),
    },
    ...(classes
      ? []
      : ([
          {
            title: '报送率',
            dataIndex: 'reportingRate',
            align: 'right',
            sorter: nullable((r) => r.reportingRate),
            render: (v: number | null) => pct(v),
          },
        ] as ColumnsType<DashboardRow>)),
  ];
  const t = view.totals;
  return (
    <Table<DashboardRow>
      rowKey="id"
      size="middle"
      className="dashboard-table"
      columns={columns}
      dataSource={view.rows}
      pagination={false}
      // Rows have a `children` count: not tree data.
      expandable={{ childrenColumnName: 'subRows' }}
      scroll={{ x: 1100 }}
      locale={{ emptyText: classes ? '该单位在本项目中没有托管班' : '没有下级组织' }}
      summary={() =>
        view.rows.length > 0 && (
          <Table.Summary fixed>
            <Table.Summary.Row style={{ fontWeight: 600 }}>
              {columns.map((c, i) => (
                <Table.Summary.Cell key={String(c.title)} index={i} align={i === 0 ? 'left' : 'right'}>
                  {summaryCell(String(c.title), t, classes)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )
      }
    />
  );
}

function summaryCell(title: string, t: DashboardRow, classes: boolean): string | number {
  switch (title) {
    case '托管班':
      return classes ? '合计' : t.classes.total;
    case '组织':
      return '合计';
    case '状态':
      return `${t.classes.total} 个班`;
    case '开班单位':
      return t.unitsDelivering;
    case '报名中':
      return t.classes.enrolling;
    case '运行中':
      return t.classes.running;
    case '已结束':
      return t.classes.finished;
    case '名额':
      return t.capacity;
    case '在托儿童':
      return t.children;
    case '服务家庭':
      return t.families;
    case '出勤率':
      return pct(t.attendanceRate);
    case '不合规班':
      return t.failingClasses;
    case '整改（逾期）':
      return t.overdueItems ? `${t.openItems}（${t.overdueItems}）` : t.openItems;
    case '报送率':
      return pct(t.reportingRate);
    default:
      return '';
  }
}

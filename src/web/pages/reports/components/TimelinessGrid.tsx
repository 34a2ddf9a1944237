/**
 * 报送情况一览: organisations (rows) × reports (columns), each cell coloured by its state (legend above), the counts
 * per column underneath (expected / submitted / on time / late / missing, the server's counts), a district filter
 * where the grid spans several districts (the server's grid of that district, so the counts stay its own), and the
 * period's 汇总表 (.xlsx) from each column's header. A cell opens its report.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { periodSheetUrl, type Timeliness, type TimelinessRow } from '../api';
import { CELL_STYLE, cellKind, Legend, useReportName, useStateText } from './states';

const COUNT_KEYS = ['expected', 'submitted', 'onTime', 'late', 'missing'] as const;

/** Each district (or industry union) followed by its units, so a city reads the grid district by district. */
function grouped(grid: Timeliness): (TimelinessRow & { depth: number })[] {
  const ids = new Set(grid.rows.map((r) => r.orgId));
  const children = new Map<number, TimelinessRow[]>();
  const top: TimelinessRow[] = [];
  for (const r of grid.rows) {
    if (r.parentId !== null && ids.has(r.parentId)) {
      const list = children.get(r.parentId) ?? [];
      list.push(r);
      children.set(r.parentId, list);
    } else top.push(r);
  }
  const out: (TimelinessRow & { depth: number })[] = [];
  const walk = (r: TimelinessRow, depth: number) => {
    out.push({ ...r, depth });
    for (const c of children.get(r.orgId) ?? []) walk(c, depth + 1);
  };
  for (const r of top) walk(r, 0);
  return out;
}

export interface DistrictOption {
  value: number;
  label: string;
}

/** The districts and industry unions a city-level grid spans (for its filter). */
export const districtsOf = (grid: Timeliness): DistrictOption[] =>
  grid.rows
    .filter((r) => r.orgKind === 'district' || r.orgKind === 'industry')
    .map((r) => ({ value: r.orgId, label: r.orgName }));

export function TimelinessGrid({
  grid,
  loading,
  districts,
  district,
  onDistrict,
}: {
  grid: Timeliness;
  loading?: boolean;
  districts: DistrictOption[];
  district: number | undefined;
  onDistrict: (id: number | undefined) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const stateText = useStateText();
  const name = useReportName();
  const shortName = useReportName(true);
  const rows = useMemo(() => grouped(grid), [grid]);

  const columns: ColumnsType<(typeof rows)[number]> = [
    {
      key: 'org',
      title: t('reports.grid.org'),
      fixed: 'left',
      width: 200,
      render: (_, r) => (
        <Typography.Text
          strong={r.depth === 0 && r.orgKind !== 'unit'}
          style={{ paddingLeft: r.depth * 14, fontSize: 13 }}
          ellipsis={{ tooltip: r.orgName }}
        >
          {r.orgName}
        </Typography.Text>
      ),
    },
    ...grid.columns.map((c, i) => ({
      key: `${c.type}-${c.period}`,
      width: 110,
      align: 'center' as const,
      title: (
        <div style={{ lineHeight: 1.3 }} data-testid="grid-column">
          <Typography.Text strong ellipsis={{ tooltip: name(c) }} style={{ display: 'block', maxWidth: 100 }}>
            {shortName(c)}
          </Typography.Text>
          <Space size={2}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayjs(c.dueDate).format('M/D')}
            </Typography.Text>
            <Tooltip title={t('reports.grid.downloadTitle')}>
              <Button
                type="text"
                size="small"
                icon={<DownloadOutlined />}
                href={periodSheetUrl({
                  campaignId: grid.campaignId,
                  type: c.type,
                  period: c.period,
                  orgId: grid.orgId,
                })}
                aria-label={t('reports.grid.download')}
                data-testid="grid-download"
              />
            </Tooltip>
          </Space>
        </div>
      ),
      onCell: () => ({ style: { padding: 3 } }),
      render: (_: unknown, r: (typeof rows)[number]) => {
        const cell = r.cells[i];
        if (!cell) return <Typography.Text type="secondary">·</Typography.Text>;
        const kind = cellKind(cell.status, cell.state);
        const s = CELL_STYLE[kind];
        const open = cell.reportId;
        // A draft past its due date counts as missing (red) but says that something was started.
        const text = stateText(cell.status, cell.state);
        return (
          <Tooltip
            title={t('reports.grid.cellTitle', { org: r.orgName, report: name(c), state: text })}
            mouseEnterDelay={0.3}
          >
            <button
              type="button"
              disabled={open === null}
              onClick={() => open !== null && navigate(`/reports/${open}`)}
              data-testid="grid-cell"
              data-org={r.orgName}
              data-report={`${c.type}-${c.period}`}
              data-kind={kind}
              style={{
                width: '100%',
                height: 28,
                border: `1px solid ${s.border}`,
                borderRadius: 4,
                background: s.bg,
                color: s.fg,
                fontSize: 12,
                cursor: open === null ? 'default' : 'pointer',
                whiteSpace: 'nowrap',
              }}
            >
              {text}
            </button>
          </Tooltip>
        );
      },
    })),
  ];

  return (
    <div data-testid="timeliness-grid">
      <Space style={{ marginBottom: 12, justifyContent: 'space-between', width: '100%' }} wrap>
        <Legend />
        {districts.length > 1 && (
          <Select
            allowClear
            style={{ minWidth: 240 }}
            placeholder={t('reports.grid.allDistricts')}
            aria-label={t('reports.grid.district')}
            value={district}
            onChange={onDistrict}
            options={districts}
            showSearch
            optionFilterProp="label"
            data-testid="grid-district"
          />
        )}
      </Space>
      <Table
        size="small"
        bordered
        loading={loading}
        rowKey="orgId"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content', y: 560 }}
        locale={{ emptyText: district === undefined ? t('reports.grid.empty') : t('reports.grid.noRows') }}
        summary={() =>
          grid.columns.length === 0 ? null : (
            <Table.Summary fixed>
              {COUNT_KEYS.map((k) => (
                <Table.Summary.Row key={k}>
                  <Table.Summary.Cell index={0}>
                    <Typography.Text type="secondary">{t(`reports.grid.${k}`)}</Typography.Text>
                  </Table.Summary.Cell>
                  {grid.columns.map((c, i) => (
                    <Table.Summary.Cell key={`${c.type}-${c.period}`} index={i + 1} align="center">
                      <span data-testid={`count-${k}`}>{c.counts[k]}</span>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              ))}
            </Table.Summary>
          )
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('reports.grid.clickHint')}
      </Typography.Text>
    </div>
  );
}

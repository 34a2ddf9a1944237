/** 版本记录: every submitted version with its review, and two of them chosen to compare side by side. */
import { DiffOutlined } from '@ant-design/icons';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { ReportVersion } from '../api';
import { formatChina } from '../../../app/chinaTime';

export function VersionsCard({ reportId, versions }: { reportId: number; versions: ReportVersion[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [picked, setPicked] = useState<number[]>(versions.slice(-2).map((v) => v.version));
  const pair = [...picked].sort((a, b) => a - b);
  return (
    <div data-testid="report-versions">
      {versions.length > 1 && (
        <Space style={{ marginBottom: 8 }}>
          <Button
            icon={<DiffOutlined />}
            disabled={pair.length !== 2}
            onClick={() => navigate(`/reports/${reportId}/compare?a=${pair[0]}&b=${pair[1]}`)}
            data-testid="versions-compare"
          >
            {t('reports.versions.compare')}
          </Button>
          <Typography.Text type="secondary">
            {pair.length === 2 ? t('reports.versions.compareHint') : t('reports.versions.pickTwo')}
          </Typography.Text>
        </Space>
      )}
      <Table<ReportVersion>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={[...versions].reverse()}
        locale={{ emptyText: t('reports.versions.none') }}
        rowSelection={
          versions.length > 1
            ? {
                selectedRowKeys: picked,
                onChange: (keys) => setPicked((keys as number[]).slice(-2)),
                hideSelectAll: true,
              }
            : undefined
        }
        columns={[
          {
            title: t('reports.versions.version'),
            dataIndex: 'version',
            width: 90,
            render: (v: number) => t('reports.editor.version', { version: v }),
          },
          {
            title: t('reports.submittedAt'),
            dataIndex: 'submittedAt',
            width: 150,
            render: (d: string) => formatChina(d, 'YYYY-MM-DD HH:mm'),
          },
          {
            title: t('reports.versions.submittedBy'),
            dataIndex: 'submittedByName',
            width: 120,
            render: (n) => n ?? '—',
          },
          {
            title: t('reports.versions.decision'),
            key: 'decision',
            render: (_, v) =>
              v.decision === null ? (
                <Tag color="blue">{t('reports.versions.pending')}</Tag>
              ) : (
                <div>
                  <Tag color={v.decision === 'accepted' ? 'green' : 'magenta'}>
                    {t(`reports.versions.decisions.${v.decision}`)}
                  </Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.decidedByName ?? ''} {v.decidedAt ? formatChina(v.decidedAt, 'MM-DD HH:mm') : ''}
                  </Typography.Text>
                  {v.comment && <div style={{ whiteSpace: 'pre-wrap' }}>{v.comment}</div>}
                </div>
              ),
          },
        ]}
      />
    </div>
  );
}

/**
 * The report's figures (filled from live data, never typed): each value with its definition on hover and the day it
 * is taken as of — live for a draft (frozen when submitted), frozen for a submitted version.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Figure } from '../api';
import { FigureValue, figureWords } from './states';

export function FiguresTable({ figures, highlight }: { figures: Figure[]; highlight?: Set<string> }) {
  const { t } = useTranslation();
  return (
    <Table<Figure>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={figures}
      data-testid="report-figures"
      locale={{ emptyText: t('reports.editor.noFigures') }}
      onRow={(f) => (highlight?.has(f.key) ? { style: { background: '#fffbe6' } } : {})}
      columns={[
        {
          title: t('reports.print.figure'),
          key: 'label',
          render: (_, f) => {
            const w = figureWords(f);
            return (
              <span>
                {w.label}{' '}
                <Tooltip title={`${t('reports.editor.figureDefinition')}：${w.definition}`}>
                  <InfoCircleOutlined style={{ color: '#8c8c8c' }} aria-label={t('reports.editor.figureDefinition')} />
                </Tooltip>
              </span>
            );
          },
        },
        {
          title: t('reports.print.value'),
          key: 'value',
          width: 200,
          align: 'right',
          render: (_, f) => (
            <Typography.Text strong>
              <FigureValue figure={f} />
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

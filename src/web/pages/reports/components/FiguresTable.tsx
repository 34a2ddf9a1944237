/**
 * The report's figures (filled from live data, never typed): a compact grid of label and value, each with its
 * definition on hover — live for a draft (frozen when submitted), frozen for a submitted version.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Descriptions, Empty, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Figure } from '../api';
import { FigureValue, figureWords } from './states';

export function FiguresTable({ figures }: { figures: Figure[] }) {
  const { t } = useTranslation();
  if (figures.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.editor.noFigures')} />;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="report-figures"
      styles={{ label: { width: '22%' }, content: { textAlign: 'right', whiteSpace: 'nowrap' } }}
      items={figures.map((f) => {
        const w = figureWords(f);
        return {
          key: f.key,
          label: (
            <Tooltip title={`${t('reports.editor.figureDefinition')}：${w.definition}`}>
              <span style={{ cursor: 'help' }}>
                {w.label} <InfoCircleOutlined style={{ color: '#8c8c8c', fontSize: 12 }} />
              </span>
            </Tooltip>
          ),
          children: (
            <Typography.Text strong>
              <FigureValue figure={f} />
            </Typography.Text>
          ),
        };
      })}
    />
  );
}

/** The dossier (申报材料): the class's figures from its record, rule checks over time, narrative and media. */
import { Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../api';

const pct = (x: number | null) => (x === null ? null : `${Math.round(x * 1000) / 10}%`);
/** The 8/30 summary report's status (reports: draft | submitted | returned | accepted). */
const SUMMARY_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}`;

export function DossierView({ d, frozen }: { d: Dossier; frozen?: boolean }) {
  const { t, i18n } = useTranslation();
  const none = t('selection.none');
  const f = d.figures;
  const en = i18n.language === 'en';
  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="dossier">
      <Card
        size="small"
        title={t('selection.figures')}
        extra={frozen ? <Tag color="blue">{t('selection.dossierFrozen')}</Tag> : <Tag>{d.asOf}</Tag>}
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('selection.children')}>{f.children}</Descriptions.Item>
          <Descriptions.Item label={t('selection.workingDays')}>{f.workingDays}</Descriptions.Item>
          <Descriptions.Item label={t('selection.attendanceRate')}>{pct(f.attendanceRate) ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('selection.dailyCompleteness')}>
            {pct(f.recordsCompleteness) ?? none}
          </Descriptions.Item>
          <Descriptions.Item label={t('selection.incidents')}>
            {f.incidents.minor + f.incidents.serious + f.incidents.critical}
            {f.incidents.serious + f.incidents.critical > 0 && (
              <Tag color="red" style={{ marginLeft: 8 }}>
                {t('selection.seriousIncidents')} {f.incidents.serious + f.incidents.critical}
              </Tag>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('selection.inspections')}>{f.inspectionsDone}</Descriptions.Item>
          <Descriptions.Item label={t('selection.rectifications')}>
            {f.rectifications.total}（{t('selection.openRectifications')} {f.rectifications.open}）
          </Descriptions.Item>
          <Descriptions.Item label={t('selection.satisfaction')}>{f.satisfactionIndex ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('selection.funding')}>
            {f.funding ? `${yuan(f.funding.incomeFen)} / ${yuan(f.funding.expenseFen)}` : none}
          </Descriptions.Item>
          <Descriptions.Item label={t('selection.summaryReport')}>
            {d.summaryReport ? (
              <Tag color={SUMMARY_COLOR[d.summaryReport.status] ?? 'default'} data-testid="summary-report-status">
                {t(`selection.summaryStatuses.${d.summaryReport.status}`, { defaultValue: t('selection.none') })}
              </Tag>
            ) : (
              none
            )}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('selection.ruleVerdicts')}>
        {d.verdicts.length === 0 ? (
          none
        ) : (
          <Space wrap>
            {d.verdicts.map((v) => (
              <Tag key={v.computedAt} color={v.failing.length ? 'red' : 'green'}>
                {v.asOf}{' '}
                {v.failing.length ? `${t('selection.rulesFailed')} ${v.failing.length}` : t('selection.rulesPassed')}
              </Tag>
            ))}
          </Space>
        )}
        {d.failingRules && d.failingRules.length > 0 && (
          <List
            size="small"
            dataSource={d.failingRules}
            renderItem={(r) => <List.Item>{en ? r.en : r.zh}</List.Item>}
          />
        )}
      </Card>
      <Card size="small" title={t('selection.narrative')}>
        <Typography.Title level={5}>{t('selection.practices')}</Typography.Title>
        <Typography.Paragraph>{d.narrative.practices || none}</Typography.Paragraph>
        <Typography.Title level={5}>{t('selection.outcomes')}</Typography.Title>
        <Typography.Paragraph>{d.narrative.outcomes || none}</Typography.Paragraph>
        {d.videoLinks.length > 0 && (
          <>
            <Typography.Title level={5}>{t('selection.videoLinks')}</Typography.Title>
            {d.videoLinks.map((l) => (
              <div key={l}>
                <a href={l} target="_blank" rel="noreferrer noopener">
                  {l}
                </a>
              </div>
            ))}
          </>
        )}
        {d.photos.length > 0 && (
          <Space wrap style={{ marginTop: 8 }}>
            {d.photos.map((p) => (
              <img
                key={p.id}
                src={`/api/files/${p.id}`}
                alt={p.filename || t('selection.photos')}
                style={{ height: 96, borderRadius: 4 }}
              />
            ))}
          </Space>
        )}
      </Card>
    </Space>
  );
}

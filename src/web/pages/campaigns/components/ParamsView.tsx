/** The parameters of a campaign, read-only, in the same sections as the edit form. */
import { Card, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CampaignParams } from '../../../app/api/types';
import { FUNDING_SOURCE_KEYS, fundingPurposeLabel, fundingSourceLabel, gradesSummary } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { displayValue, getAt, type ParamField, SECTIONS } from './paramFields';

export function SectionTitle({ k, refs }: { k: string; refs: string[] }) {
  const { t } = useTranslation();
  return (
    <Space size={8} wrap>
      <span>{t(`campaigns.section.${k}`)}</span>
      {refs.map((r) => (
        <Tag key={r} color="volcano" style={{ fontWeight: 'normal' }}>
          {r}
        </Tag>
      ))}
    </Space>
  );
}

/** Lists of tags need a whole row; the reporting calendar has room for three dates a row. */
function columnsOf(section: string) {
  if (section === 'enrolment' || section === 'staffing') return 1;
  const wide = section === 'reporting' ? 3 : 2;
  return { xs: 1, sm: 1, md: 2, lg: 2, xl: wide, xxl: wide };
}

export function fieldLabel(f: ParamField, t: (k: string) => string): string {
  return typeof f.label === 'string' ? t(`campaigns.field.${f.label}`) : f.label(currentLang());
}

export function ParamsView({ params }: { params: CampaignParams }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const value = (f: ParamField) => {
    const v = getAt(params, f.path);
    if (f.kind === 'grades') return gradesSummary(v as number[], lang);
    if (f.kind === 'ordered' || f.kind === 'multi') {
      const list = (v as string[] | undefined) ?? [];
      if (list.length === 0) return '—';
      return (
        <Space size={[4, 4]} wrap>
          {list.map((x, i) => (
            <Tag key={x} style={{ marginInlineEnd: 0 }}>
              {f.kind === 'ordered' ? `${i + 1}. ` : ''}
              {f.options?.(lang).find((o) => o.value === x)?.label ?? x}
            </Tag>
          ))}
        </Space>
      );
    }
    return displayValue(f, v, lang, t('common.yes'), t('common.no'));
  };
  return (
    <Row gutter={[16, 16]}>
      {SECTIONS.map((s) => (
        <Col key={s.key} xs={24} xl={s.key === 'funding' || s.key === 'venue' || s.key === 'reporting' ? 24 : 12}>
          <Card size="small" title={<SectionTitle k={s.key} refs={s.refs} />} style={{ height: '100%' }}>
            {s.key === 'funding' ? (
              <FundingView params={params} />
            ) : (
              <Descriptions column={columnsOf(s.key)} size="small">
                {s.fields.map((f) => (
                  <Descriptions.Item key={f.path.join('.')} label={fieldLabel(f, t)}>
                    {value(f)}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function FundingView({ params }: { params: CampaignParams }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const rows = FUNDING_SOURCE_KEYS.map((k) => ({ key: k, ...params.funding.sources[k] }));
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('campaigns.fundingSource'), dataIndex: 'key', render: (k) => fundingSourceLabel(k, lang) },
        {
          title: t('campaigns.fundingUnion'),
          dataIndex: 'union',
          render: (u: boolean) => (u ? <Tag color="blue">{t('campaigns.unionMoney')}</Tag> : t('common.no')),
        },
        {
          title: t('campaigns.mayNotPayFor'),
          dataIndex: 'mayNotPayFor',
          render: (list: string[]) =>
            list.length === 0 ? (
              <Typography.Text type="secondary">{t('campaigns.noRestriction')}</Typography.Text>
            ) : (
              list.map((p) => (
                <Tag key={p} color="red">
                  {fundingPurposeLabel(p as never, lang)}
                </Tag>
              ))
            ),
        },
      ]}
    />
  );
}

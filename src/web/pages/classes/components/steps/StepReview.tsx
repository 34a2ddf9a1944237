/**
 * Last step — review: what the class is, and the policy engine's verdict on it as saved. Rules that block a
 * submission (the domain's PRE_SUBMISSION_RULES) are called out first; the server decides when 提交审批 is pressed.
 */
import { Alert, Card, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PRE_SUBMISSION_RULES } from '../../../../../domain/classes/lifecycle';
import type { ClassDetail } from '../../../../app/api/types';
import { ruleTitle } from '../../../../app/careLabels';
import { currentLang } from '../../../../app/i18n';
import { ClassOverview } from '../ClassOverview';
import { RulesPanel } from '../RulesPanel';

export function StepReview({ cls }: { cls: ClassDetail }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const blocking = (cls.verdict?.rules ?? []).filter(
    (r) => r.status === 'fail' && (PRE_SUBMISSION_RULES as readonly string[]).includes(r.id),
  );
  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }}>
      {blocking.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="review-blocking"
          message={t('classes.form.blockingTitle', { count: blocking.length })}
          description={
            <List
              size="small"
              dataSource={blocking}
              renderItem={(r) => (
                <List.Item key={r.id} style={{ paddingInline: 0 }}>
                  <Space direction="vertical" size={0}>
                    <Typography.Text strong>{ruleTitle(r.id, lang)}</Typography.Text>
                    <Typography.Text>{r.message[lang]}</Typography.Text>
                    {r.fix && (
                      <Typography.Text type="warning">
                        {t('rules.fix')}
                        {r.fix[lang]}
                      </Typography.Text>
                    )}
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <Alert
          type="success"
          showIcon
          message={t('classes.form.readyTitle')}
          description={t('classes.form.readyText')}
        />
      )}
      <Card size="small" title={t('classes.rulesPanel')}>
        <RulesPanel verdict={cls.verdict} problemsFirst />
      </Card>
      <Card size="small" title={t('classes.tab.overview')}>
        <ClassOverview cls={cls} />
      </Card>
    </Space>
  );
}

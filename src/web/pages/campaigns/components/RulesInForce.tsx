/** The rules in force of a campaign: each rule in plain words with the policy ids it encodes. */
import { List, Space, Tag, Typography } from 'antd';
import type { CampaignDetail } from '../../../app/api/types';
import { ruleTitle } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';

export function RulesInForce({ rules }: { rules: CampaignDetail['rules'] }) {
  const lang = currentLang();
  return (
    <List
      size="small"
      dataSource={rules}
      data-testid="rules-in-force"
      renderItem={(r, i) => (
        <List.Item key={r.id}>
          <List.Item.Meta
            avatar={
              <Typography.Text type="secondary" style={{ display: 'inline-block', width: 24 }}>
                {i + 1}
              </Typography.Text>
            }
            title={
              <Space size={8} wrap>
                {r.policyRefs.map((p) => (
                  <Tag key={p} color="volcano">
                    {p}
                  </Tag>
                ))}
                <Typography.Text strong>{ruleTitle(r.id, lang)}</Typography.Text>
                <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                  {r.id}
                </Typography.Text>
              </Space>
            }
            description={<Typography.Text>{lang === 'en' ? r.en : r.zh}</Typography.Text>}
          />
        </List.Item>
      )}
    />
  );
}

/**
 * The policy engine's verdict on a class as a traffic light: failing rules first, then warnings, then rules that
 * cannot be judged yet, then passes. Each rule shows its message, the facts it used and what would fix it. The
 * verdict is the server's; nothing here re-judges a rule.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Empty, List, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClassDetail, RuleVerdict } from '../../../app/api/types';
import { ruleTitle } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';

type Status = RuleVerdict['status'];
const ORDER: Status[] = ['fail', 'warn', 'unknown', 'pass'];
export const STATUS_STYLE: Record<Status, { color: string; tag: string; icon: ReactNode }> = {
  fail: { color: '#cf1322', tag: 'error', icon: <CloseCircleFilled style={{ color: '#cf1322' }} /> },
  warn: { color: '#d48806', tag: 'warning', icon: <ExclamationCircleFilled style={{ color: '#d48806' }} /> },
  unknown: { color: '#8c8c8c', tag: 'default', icon: <QuestionCircleFilled style={{ color: '#8c8c8c' }} /> },
  pass: { color: '#389e0d', tag: 'success', icon: <CheckCircleFilled style={{ color: '#389e0d' }} /> },
};

function factText(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function RuleCounts({ rules }: { rules: RuleVerdict[] }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap data-testid="rule-counts">
      {ORDER.map((s) => {
        const n = rules.filter((r) => r.status === s).length;
        return (
          <Tag key={s} color={STATUS_STYLE[s].tag} icon={STATUS_STYLE[s].icon}>
            {t(`rules.status.${s}`)} {n}
          </Tag>
        );
      })}
    </Space>
  );
}

export function RulesPanel({
  verdict,
  compact = false,
  problemsFirst = compact,
}: {
  verdict: ClassDetail['verdict'];
  /** Without the facts, problems only at first: for the approval queue. */
  compact?: boolean;
  /** Start with "problems only" switched on. */
  problemsFirst?: boolean;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const [problemsOnly, setProblemsOnly] = useState(problemsFirst);
  if (!verdict) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rules.noVerdict')} />;
  const sorted = [...verdict.rules].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  const shown = problemsOnly ? sorted.filter((r) => r.status !== 'pass') : sorted;
  return (
    <div data-testid="rules-panel">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <RuleCounts rules={verdict.rules} />
        <Space size={12} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('rules.computedAt', { at: dayjs(verdict.computedAt).format('YYYY-MM-DD HH:mm') })}
          </Typography.Text>
          <Space size={4}>
            <Switch
              size="small"
              checked={problemsOnly}
              onChange={setProblemsOnly}
              aria-label={t('rules.problemsOnly')}
            />
            <Typography.Text style={{ fontSize: 12 }}>{t('rules.problemsOnly')}</Typography.Text>
          </Space>
        </Space>
      </Space>
      <List
        size="small"
        dataSource={shown}
        locale={{ emptyText: t('rules.allPass') }}
        renderItem={(r) => (
          <List.Item
            key={r.id}
            data-rule={r.id}
            data-status={r.status}
            style={{ borderLeft: `3px solid ${STATUS_STYLE[r.status].color}`, paddingLeft: 12, marginBottom: 4 }}
          >
            <List.Item.Meta
              avatar={STATUS_STYLE[r.status].icon}
              title={
                <Space size={8} wrap>
                  <Typography.Text strong>{ruleTitle(r.id, lang)}</Typography.Text>
                  <Tag color={STATUS_STYLE[r.status].tag}>{t(`rules.status.${r.status}`)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.id}
                  </Typography.Text>
                </Space>
              }
              description={
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Typography.Text>{r.message[lang]}</Typography.Text>
                  {r.fix && r.status !== 'pass' && (
                    <Typography.Text type={r.status === 'fail' ? 'danger' : 'warning'} data-testid="rule-fix">
                      {t('rules.fix')}
                      {r.fix[lang]}
                    </Typography.Text>
                  )}
                  {!compact && Object.keys(r.facts).length > 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('rules.facts')}
                      {Object.entries(r.facts)
                        .map(([k, v]) => `${k} = ${factText(v)}`)
                        .join(lang === 'en' ? '; ' : '；')}
                    </Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

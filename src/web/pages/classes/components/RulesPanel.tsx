/**
 * The policy engine's verdict on a class as a traffic light: failing rules first, then warnings, then rules that
 * cannot be judged yet, then passes. Each rule shows its message, the facts it used and what would fix it. The
 * verdict is the server's; nothing here re-judges a rule.
 */
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled } from '@ant-design/icons';
import { Empty, List, Space, Switch, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ClassDetail, RuleVerdict } from '../../../app/api/types';
import { ruleTitle } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { formatChina } from '../../../app/chinaTime';
import { ruleFacts } from './ruleFacts';

type Status = RuleVerdict['status'];
const ORDER: Status[] = ['fail', 'warn', 'unknown', 'pass'];
export const STATUS_STYLE: Record<Status, { color: string; tag: string; icon: ReactNode }> = {
  fail: { color: '#cf1322', tag: 'error', icon: <CloseCircleFilled style={{ color: '#cf1322' }} /> },
  warn: { color: '#d48806', tag: 'warning', icon: <ExclamationCircleFilled style={{ color: '#d48806' }} /> },
  unknown: { color: '#8c8c8c', tag: 'default', icon: <QuestionCircleFilled style={{ color: '#8c8c8c' }} /> },
  pass: { color: '#389e0d', tag: 'success', icon: <CheckCircleFilled style={{ color: '#389e0d' }} /> },
};

/** A rule's facts as short labelled values; the whole record (ids, lists, levels) behind 详情 for the curious. */
function RuleFacts({ r, lang }: { r: RuleVerdict; lang: 'zh' | 'en' }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { lines, details } = ruleFacts(r.id, r.facts, lang);
  if (lines.length === 0 && details.length === 0) return null;
  const sep = lang === 'en' ? ': ' : '：';
  return (
    <div style={{ fontSize: 12 }} data-testid="rule-facts">
      <Space size={[16, 0]} wrap>
        {lines.map((l) => (
          <Typography.Text key={l.label} type="secondary" style={{ fontSize: 12 }}>
            {l.label}
            {sep}
            <Typography.Text style={{ fontSize: 12 }}>{l.value}</Typography.Text>
          </Typography.Text>
        ))}
        {details.length > 0 && (
          <Typography.Link style={{ fontSize: 12 }} onClick={() => setOpen(!open)} data-testid="rule-details-toggle">
            {open ? t('ruleFacts.hide') : t('ruleFacts.details')}
          </Typography.Link>
        )}
      </Space>
      {open && (
        <div style={{ marginTop: 4, padding: '4px 8px', background: '#fafafa', borderRadius: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('ruleFacts.ruleId')}
            {sep}
            {r.id}
          </Typography.Text>
          {details.map((l) => (
            <div key={l.label}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {l.label}
                {sep}
                {l.value}
              </Typography.Text>
            </div>
          ))}
        </div>
      )}
    </div>
  );
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

/** Rules whose fix is done on a tab of the class page: the advice links there. */
const FIX_TAB: Partial<Record<string, string>> = { 'funding.noUnionFundsForInsurance': 'funding' };

export function RulesPanel({
  verdict,
  compact = false,
  problemsFirst = compact,
  classId,
}: {
  verdict: ClassDetail['verdict'];
  /** On the class page: advice done on one of its tabs (经费) links to that tab. */
  classId?: number;
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
            {t('rules.computedAt', { at: formatChina(verdict.computedAt, 'YYYY-MM-DD HH:mm') })}
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
                </Space>
              }
              description={
                <Space direction="vertical" size={2} style={{ width: '100%' }}>
                  <Typography.Text>{r.message[lang]}</Typography.Text>
                  {r.fix && r.status !== 'pass' && (
                    <Typography.Text type={r.status === 'fail' ? 'danger' : 'warning'} data-testid="rule-fix">
                      {t('rules.fix')}
                      {r.fix[lang]}
                      {classId !== undefined && FIX_TAB[r.id] && (
                        <Link
                          to={`/classes/${classId}?tab=${FIX_TAB[r.id]}`}
                          style={{ marginLeft: 8 }}
                          data-testid="rule-fix-link"
                        >
                          {t('ruleFacts.goFunding')}
                        </Link>
                      )}
                    </Typography.Text>
                  )}
                  {!compact && Object.keys(r.facts).length > 0 && <RuleFacts r={r} lang={lang} />}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </div>
  );
}

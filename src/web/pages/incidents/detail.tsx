/**
 * 事件 page: the incident's current state, its history (the addenda, never deleted) and the actions the server
 * allows this person (`abilities`): add a note, record the guardian notification, correct the facts, close, reopen.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { FullPageSpin } from '../../app/components/FullPageSpin';
import { useNarrow } from '../../app/components/useNarrow';
import { fetchIncident, type IncidentDetail, incidentKey } from './api';
import { type IncidentAction, IncidentActionModal } from './components/IncidentActionModal';
import { fmtTime, SeverityTag, StatusTag } from './components/IncidentTags';
import { IncidentTimeline } from './components/IncidentTimeline';

const multiline = (s: string | null) =>
  s ? <span style={{ whiteSpace: 'pre-wrap' }}>{s}</span> : <Typography.Text type="secondary">—</Typography.Text>;

export default function IncidentPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const narrow = useNarrow();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<IncidentAction | null>(null);
  const q = useQuery({ queryKey: incidentKey(id), queryFn: () => fetchIncident(id) });
  if (q.error) return <ApiErrorResult error={q.error} onRetry={() => void q.refetch()} />;
  const i = q.data;
  if (!i) return <FullPageSpin />;
  const ab = i.abilities;
  const grave = i.severity !== 'minor';

  const done = (next: IncidentDetail) => {
    qc.setQueryData(incidentKey(id), next);
    void qc.invalidateQueries({ queryKey: ['incidents'], exact: false });
    void message.success(
      action === 'close' ? t('incidents.closed') : action === 'reopen' ? t('incidents.reopened') : t('incidents.saved'),
    );
  };

  const closeButton = (
    <Button type="primary" disabled={!ab.close} onClick={() => setAction('close')} data-testid="incident-close">
      {t('incidents.close')}
    </Button>
  );

  return (
    <PageContainer
      title={`${t(`incidents.kinds.${i.kind}`)} · ${i.className}`}
      tags={
        <Space size={4}>
          <SeverityTag severity={i.severity} />
          <StatusTag status={i.status} />
        </Space>
      }
      onBack={() => navigate(-1)}
      extra={
        <Space wrap>
          {ab.addNote && (
            <Button onClick={() => setAction('note')} data-testid="incident-note">
              {t('incidents.addNote')}
            </Button>
          )}
          {ab.recordGuardian && (
            <Button onClick={() => setAction('guardian')} data-testid="incident-guardian">
              {t('incidents.recordGuardian')}
            </Button>
          )}
          {ab.update && (
            <Button onClick={() => setAction('update')} data-testid="incident-update">
              {t('incidents.update')}
            </Button>
          )}
          {i.status === 'open' &&
            (ab.close || ab.closeBlockedReason) &&
            (ab.closeBlockedReason ? <Tooltip title={ab.closeBlockedReason}>{closeButton}</Tooltip> : closeButton)}
          {ab.reopen && (
            <Button danger onClick={() => setAction('reopen')} data-testid="incident-reopen">
              {t('incidents.reopen')}
            </Button>
          )}
        </Space>
      }
    >
      {i.status === 'open' && ab.closeBlockedReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={ab.closeBlockedReason}
          data-testid="incident-close-blocked"
        />
      )}
      {i.status === 'open' && grave && !ab.close && !ab.closeBlockedReason && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('incidents.districtCloses')} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('incidents.reportCard')} size="small">
            <Descriptions
              column={1}
              size="small"
              bordered
              layout={narrow ? 'vertical' : 'horizontal'}
              labelStyle={narrow ? undefined : { width: 140 }}
            >
              <Descriptions.Item label={t('incidents.class')}>
                <Link to={`/classes/${i.classId}?tab=incidents`}>{i.className}</Link>
                <Typography.Text type="secondary"> · {i.unitName}</Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.occurredAt')}>{fmtTime(i.occurredAt)}</Descriptions.Item>
              <Descriptions.Item label={t('incidents.description')}>{multiline(i.description)}</Descriptions.Item>
              <Descriptions.Item label={t('incidents.children')}>
                {i.children ? (
                  i.children.length ? (
                    <Space size={[4, 4]} wrap>
                      {i.children.map((c) => (
                        <Tag key={c.id}>{c.name}</Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  )
                ) : i.childCount ? (
                  <Typography.Text type="secondary">
                    {t('incidents.childrenHidden', { count: i.childCount })}
                  </Typography.Text>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.peopleInvolved')}>{multiline(i.peopleInvolved)}</Descriptions.Item>
              <Descriptions.Item label={t('incidents.actionsTaken')}>{multiline(i.actionsTaken)}</Descriptions.Item>
              <Descriptions.Item label={t('incidents.guardian')}>
                {i.guardianNotifiedAt ? (
                  <span data-testid="incident-guardian-line">
                    {i.guardianNotifiedBy} · {fmtTime(i.guardianNotifiedAt)}
                  </span>
                ) : (
                  <Typography.Text type={i.childCount ? 'danger' : 'secondary'}>
                    {t('incidents.guardianMissing')}
                  </Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('incidents.followUp')}>{multiline(i.followUp)}</Descriptions.Item>
              <Descriptions.Item label={t('incidents.reportedBy')}>
                {i.reportedByName ?? '—'} · {fmtTime(i.createdAt)}
              </Descriptions.Item>
              {i.status === 'closed' && (
                <Descriptions.Item label={t('incidents.closedBy')}>
                  {i.closedByName ?? '—'} · {fmtTime(i.closedAt)}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title={t('incidents.history')} size="small">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('incidents.historyHint')}
            </Typography.Paragraph>
            <IncidentTimeline incident={i} />
          </Card>
        </Col>
      </Row>
      <IncidentActionModal incident={i} action={action} onClose={() => setAction(null)} onDone={done} />
    </PageContainer>
  );
}

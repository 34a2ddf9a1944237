/**
 * One caterer, partner institution or provider: its details, its documents (licence, agreements, qualification
 * papers) and, for a provider, the qualification review (资质审核, P-R7) with who recorded it and when.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Radio, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../app/api/client';
import type { Counterparty } from '../../app/api/types';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { EvidenceFiles } from '../../app/components/EvidenceFiles';
import { ReasonModal } from '../../app/components/ReasonModal';
import {
  counterpartyFilesKey,
  counterpartyKey,
  deactivateCounterparty,
  fetchCounterparty,
  listCounterpartyFiles,
  PURPOSES_BY_KIND,
  REVIEW_RESULTS,
  type ReviewResult,
  reactivateCounterparty,
  reviewProvider,
  uploadCounterpartyFile,
} from './api';
import { CounterpartyFormModal } from './components/CounterpartyFormModal';
import { ExpiryTag } from './components/ExpiryTag';
import { formatChina } from '../../app/chinaTime';

function ReviewCard({ party, onSaved }: { party: Counterparty; onSaved: (c: Counterparty) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ result: ReviewResult; note?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const r = party.review;
  return (
    <Card size="small" title={t('counterparties.review')} data-testid="provider-review">
      {r ? (
        <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('counterparties.reviewResultLabel')}>
            <Tag color={r.result === 'passed' ? 'green' : r.result === 'failed' ? 'red' : 'orange'}>
              {t(`counterparties.reviewResult.${r.result}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('counterparties.reviewer')}>
            {r.byName ?? '—'}
            {r.at ? ` · ${formatChina(r.at, 'YYYY-MM-DD HH:mm')}` : ''}
          </Descriptions.Item>
          {r.note && <Descriptions.Item label={t('counterparties.reviewNote')}>{r.note}</Descriptions.Item>}
        </Descriptions>
      ) : (
        <Alert type="warning" showIcon message={t('counterparties.notReviewed')} style={{ marginBottom: 12 }} />
      )}
      {party.abilities.review && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ result: r?.result ?? 'passed', note: r?.note ?? undefined }}
        >
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Form.Item name="result" label={t('counterparties.reviewResultLabel')}>
            <Radio.Group
              optionType="button"
              options={REVIEW_RESULTS.map((x) => ({ value: x, label: t(`counterparties.reviewResult.${x}`) }))}
            />
          </Form.Item>
          <Form.Item name="note" label={t('counterparties.reviewNote')}>
            <Input.TextArea rows={2} maxLength={1000} placeholder={t('counterparties.reviewNotePlaceholder')} />
          </Form.Item>
          <Button
            type="primary"
            loading={saving}
            data-testid="review-save"
            onClick={async () => {
              // A form with errors shows them by its fields; nothing to send (and no unhandled rejection).
              const v = await form.validateFields().catch(() => null);
              if (!v) return;
              setSaving(true);
              setError(null);
              try {
                onSaved(
                  await reviewProvider(party.id, {
                    result: v.result,
                    note: v.note?.trim() || null,
                    version: party.version,
                  }),
                );
                void message.success(t('counterparties.reviewSaved'));
              } catch (e) {
                setError(errorMessage(e));
              } finally {
                setSaving(false);
              }
            }}
          >
            {t('counterparties.saveReview')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

export default function CounterpartyPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [toggling, setToggling] = useState(false);
  const party = useQuery({ queryKey: counterpartyKey(id), queryFn: () => fetchCounterparty(id) });
  const files = useQuery({ queryKey: counterpartyFilesKey(id), queryFn: () => listCounterpartyFiles(id) });
  if (party.error) return <ApiErrorResult error={party.error} onRetry={() => void party.refetch()} />;
  const c = party.data;
  const saved = (x: Counterparty) => {
    qc.setQueryData(counterpartyKey(id), x);
    void qc.invalidateQueries({ queryKey: ['counterparties'], refetchType: 'none' });
  };
  const purposes = c ? PURPOSES_BY_KIND[c.kind] : [];
  return (
    <PageContainer
      title={c?.name ?? t('menu.counterparties')}
      tags={c && <Tag color="blue">{t(`counterparties.kind.${c.kind}`)}</Tag>}
      onBack={() => navigate(`/counterparties?kind=${c?.kind ?? 'caterer'}`)}
      extra={
        c && (
          <Space>
            {c.abilities.update && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {(c.abilities.deactivate || c.abilities.reactivate) && (
              <Button danger={c.abilities.deactivate} onClick={() => setToggling(true)}>
                {c.abilities.deactivate ? t('common.deactivate') : t('common.reactivate')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!c ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={c.kind === 'provider' ? 14 : 24}>
            <Card size="small" title={t('counterparties.details')}>
              <Descriptions
                size="small"
                column={{
                  xs: 1,
                  sm: 1,
                  md: 2,
                  lg: 2,
                  xl: c.kind === 'provider' ? 2 : 3,
                  xxl: c.kind === 'provider' ? 2 : 3,
                }}
                data-testid="counterparty-details"
              >
                <Descriptions.Item label={t('counterparties.org')}>{c.orgName}</Descriptions.Item>
                <Descriptions.Item label={t('counterparties.creditCode')}>{c.creditCode ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('counterparties.contactName')}>{c.contactName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('counterparties.contactPhone')}>{c.contactPhone ?? '—'}</Descriptions.Item>
                {c.kind === 'caterer' && (
                  <>
                    <Descriptions.Item label={t('counterparties.licenceNo')}>{c.licenceNo ?? '—'}</Descriptions.Item>
                    <Descriptions.Item label={t('counterparties.licenceExpiry')}>
                      <ExpiryTag date={c.licenceExpiry} testId="licence-expiry" />
                    </Descriptions.Item>
                  </>
                )}
                {c.kind === 'partner' && (
                  <Descriptions.Item label={t('counterparties.partnerType')}>
                    {c.partnerType ? t(`counterparties.partnerTypes.${c.partnerType}`) : '—'}
                  </Descriptions.Item>
                )}
                {c.kind !== 'provider' && (
                  <Descriptions.Item label={t(`counterparties.agreementPeriod.${c.kind}`)}>
                    {c.agreementEnd ? (
                      <Space size={4}>
                        {c.agreementStart ?? ''} ~ <ExpiryTag date={c.agreementEnd} />
                      </Space>
                    ) : (
                      <Tag color="orange">{t('counterparties.missing')}</Tag>
                    )}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
          </Col>
          {c.kind === 'provider' && (
            <Col xs={24} xl={10}>
              <ReviewCard party={c} onSaved={saved} />
            </Col>
          )}
          <Col span={24}>
            <Card size="small" title={t('counterparties.files')}>
              <EvidenceFiles
                files={files.data ?? []}
                loading={files.isPending}
                purposes={purposes}
                purposeLabel={(p) => t(`counterparties.purpose.${p}`)}
                canUpload={c.abilities.upload}
                upload={(file, purpose) => uploadCounterpartyFile(id, file, purpose)}
                onUploaded={() => void qc.invalidateQueries({ queryKey: counterpartyFilesKey(id) })}
              />
            </Card>
          </Col>
        </Row>
      )}
      <CounterpartyFormModal
        target={editing && c ? { mode: 'edit', party: c } : null}
        onClose={() => setEditing(false)}
        onSaved={saved}
      />
      <ReasonModal
        open={toggling && !!c}
        title={
          c?.abilities.deactivate
            ? t('counterparties.deactivateTitle', { name: c?.name })
            : t('counterparties.reactivateTitle', { name: c?.name })
        }
        okText={c?.abilities.deactivate ? t('common.deactivate') : t('common.reactivate')}
        danger={!!c?.abilities.deactivate}
        onClose={() => setToggling(false)}
        onSubmit={async (reason) => {
          if (!c) return;
          saved(
            await (c.abilities.deactivate
              ? deactivateCounterparty(c.id, reason)
              : reactivateCounterparty(c.id, reason)),
          );
          void message.success(t('common.saved'));
        }}
      />
    </PageContainer>
  );
}

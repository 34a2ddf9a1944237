/**
 * A child's record as the class's staff may see it: the ID number masked (revealing it is a separate, audited
 * call offered only when `abilities.revealId`), health notes hidden when the guardian withdrew that consent.
 */
import { EyeOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { gradeLabel } from '../../../app/careLabels';
import { ApiErrorResult } from '../../../app/components/ApiErrorResult';
import { currentLang } from '../../../app/i18n';
import { fetchChild, revealChildId } from '../api';

export function ChildDrawer({ childId, onClose }: { childId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer open={childId !== null} onClose={onClose} title={t('enrolment.childTitle')} width={520} destroyOnClose>
      {childId !== null && <ChildBody id={childId} />}
    </Drawer>
  );
}

function ChildBody({ id }: { id: number }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const child = useQuery({ queryKey: ['children', id], queryFn: () => fetchChild(id) });
  if (child.error) return <ApiErrorResult error={child.error} />;
  if (!child.data) return <Skeleton active />;
  const c = child.data;
  const hidden = (f: string) => c.hidden.includes(f);
  return (
    <Space direction="vertical" size={16} style={{ display: 'flex' }} data-testid="child-record">
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label={t('enrolment.childName')}>{c.name}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.gender')}>
          {c.gender ? t(`enrolment.genders.${c.gender}`) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('enrolment.birthDate')}>{c.birthDate}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.school')}>{c.school ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('enrolment.grade')}>
          {gradeLabel(c.grade, lang)}
          {c.grade === 'K' && (
            <Tag color={c.selfCare ? 'green' : 'orange'} style={{ marginInlineStart: 8 }}>
              {c.selfCare ? t('enrolment.selfCare') : t('enrolment.noSelfCare')}
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('enrolment.idNumber')}>
          {revealed ? (
            <Typography.Text copyable>{revealed}</Typography.Text>
          ) : (
            <Space size={4}>
              <span style={{ fontFamily: 'monospace' }}>{c.idNumberMasked ?? '—'}</span>
              {c.idNumberMasked && c.abilities.revealId && (
                <Tooltip title={t('enrolment.revealHint')}>
                  <Button
                    type="link"
                    size="small"
                    icon={<EyeOutlined />}
                    loading={loading}
                    aria-label={t('enrolment.reveal')}
                    onClick={async () => {
                      setLoading(true);
                      try {
                        setRevealed((await revealChildId(c.id)).idNumber);
                      } catch (e) {
                        void message.error(errorMessage(e));
                      } finally {
                        setLoading(false);
                      }
                    }}
                  />
                </Tooltip>
              )}
            </Space>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('enrolment.allergies')}>
          {hidden('allergies') ? <Tag>{t('enrolment.consentWithdrawn')}</Tag> : (c.allergies ?? '—')}
        </Descriptions.Item>
        <Descriptions.Item label={t('enrolment.healthNotes')}>
          {hidden('healthNotes') ? <Tag>{t('enrolment.consentWithdrawn')}</Tag> : (c.healthNotes ?? '—')}
        </Descriptions.Item>
      </Descriptions>
      <Descriptions title={t('enrolment.emergencyContacts')} bordered size="small" column={1}>
        {c.emergencyContacts.length === 0 ? (
          <Descriptions.Item label={t('enrolment.none')}>—</Descriptions.Item>
        ) : (
          c.emergencyContacts.map((e) => (
            <Descriptions.Item
              key={`${e.name}-${e.phoneMasked}`}
              label={`${e.name}${e.relation ? `（${e.relation}）` : ''}`}
            >
              {e.phoneMasked ?? '—'}
            </Descriptions.Item>
          ))
        )}
      </Descriptions>
      <Descriptions title={t('enrolment.pickupAdults')} bordered size="small" column={1}>
        {c.pickupAdults.length === 0 ? (
          <Descriptions.Item label={t('enrolment.none')}>—</Descriptions.Item>
        ) : (
          c.pickupAdults.map((p) => (
            <Descriptions.Item key={p.id} label={`${p.name}（${p.relation}）`}>
              <Space>
                {p.phoneMasked ?? '—'}
                {p.allowed ? (
                  <Tag color="green">{t('enrolment.pickupAllowed')}</Tag>
                ) : (
                  <Tag color="red">{t('enrolment.pickupForbidden')}</Tag>
                )}
              </Space>
            </Descriptions.Item>
          ))
        )}
      </Descriptions>
    </Space>
  );
}

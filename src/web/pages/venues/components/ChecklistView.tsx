/**
 * A venue's P-R4 checklist at a glance: each item met / not met / not checked, its note and evidence files, and
 * the district's confirmation (who, when). The confirm button follows `abilities.confirmChecklist`.
 */
import {
  CheckCircleFilled,
  CloseCircleFilled,
  QuestionCircleFilled,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VenueCheck } from '../../../../domain/campaign/schema';
import { errorMessage } from '../../../app/api/client';
import type { StoredFile, Venue } from '../../../app/api/types';
import { VENUE_CHECK_KEYS, venueCheckLabel } from '../../../app/careLabels';
import { currentLang } from '../../../app/i18n';
import { confirmChecklist, listVenueFiles, venueFilesKey, venueKey } from '../api';
import { formatChina } from '../../../app/chinaTime';

export const CHECK_ICON = {
  met: <CheckCircleFilled style={{ color: '#389e0d' }} />,
  unmet: <CloseCircleFilled style={{ color: '#cf1322' }} />,
  unknown: <QuestionCircleFilled style={{ color: '#8c8c8c' }} />,
};

export function ConfirmationLine({ venue }: { venue: Venue }) {
  const { t } = useTranslation();
  return venue.confirmation ? (
    <Tag color="green" icon={<SafetyCertificateOutlined />} data-testid="checklist-confirmed">
      {t('venues.confirmedBy', {
        name: venue.confirmation.byName ?? '—',
        at: formatChina(venue.confirmation.at, 'YYYY-MM-DD HH:mm'),
      })}
    </Tag>
  ) : (
    <Tag color="orange">{t('venues.notConfirmed')}</Tag>
  );
}

/** Who confirmed the checklist (or that nobody has), the confirm button when allowed, and "incomplete". */
export function ChecklistHeader({ venue, onChanged }: { venue: Venue; onChanged?: (v: Venue) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <ConfirmationLine venue={venue} />
        {venue.abilities.confirmChecklist && (
          <Popconfirm
            title={t('venues.confirmTitle')}
            description={t('venues.confirmText')}
            okText={t('venues.confirm')}
            onConfirm={async () => {
              try {
                const v = await confirmChecklist(venue.id, venue.version);
                qc.setQueryData(venueKey(v.id), v);
                onChanged?.(v);
                void message.success(t('venues.confirmed'));
              } catch (e) {
                void message.error(errorMessage(e));
              }
            }}
          >
            <Button size="small" type="primary" icon={<SafetyCertificateOutlined />} data-testid="checklist-confirm">
              {t('venues.confirm')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {!venue.checklistComplete && (
        <Alert type="warning" showIcon message={t('venues.incomplete')} style={{ marginBottom: 8 }} />
      )}
    </>
  );
}

export function ChecklistView({
  venue,
  files,
  onChanged,
}: {
  venue: Venue;
  /** The venue's files when the caller has them; otherwise they are loaded to name the evidence. */
  files?: StoredFile[];
  onChanged?: (v: Venue) => void;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const hasEvidence = Object.values(venue.checklist.evidence).some((l) => (l?.length ?? 0) > 0);
  const loaded = useQuery({
    queryKey: venueFilesKey(venue.id),
    queryFn: () => listVenueFiles(venue.id),
    enabled: !files && hasEvidence,
  });
  const fileName = (id: number) => (files ?? loaded.data ?? []).find((f) => f.id === id);
  const noteOf = (k: VenueCheck) => venue.checklist.notes[k];
  const evidenceOf = (k: VenueCheck) => venue.checklist.evidence[k] ?? [];
  return (
    <div data-testid="venue-checklist">
      <ChecklistHeader venue={venue} onChanged={onChanged} />
      <List
        size="small"
        dataSource={VENUE_CHECK_KEYS}
        renderItem={(k) => {
          const status = venue.checklistStatus[k];
          return (
            <List.Item key={k} data-check={k} data-status={status}>
              <List.Item.Meta
                avatar={CHECK_ICON[status]}
                title={
                  <Space size={8} wrap>
                    <span>{venueCheckLabel(k, lang)}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`venues.itemStatus.${status}`)}
                    </Typography.Text>
                  </Space>
                }
                description={
                  (noteOf(k) || evidenceOf(k).length > 0) && (
                    <Space direction="vertical" size={0}>
                      {noteOf(k) && <Typography.Text type="secondary">{noteOf(k)}</Typography.Text>}
                      {evidenceOf(k).length > 0 && (
                        <Space size={4} wrap>
                          {evidenceOf(k).map((id) => (
                            <a key={id} href={`/api/files/${id}`} target="_blank" rel="noreferrer">
                              {fileName(id)?.filename ?? t('venues.file', { id })}
                            </a>
                          ))}
                        </Space>
                      )}
                    </Space>
                  )
                }
              />
            </List.Item>
          );
        }}
      />
    </div>
  );
}

/**
 * One venue: where it is, its checklist (answered by the unit, confirmed by the district or an inspector) and the
 * evidence files. Edit, deactivate/reactivate, upload and confirm follow the venue's abilities.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import type { Venue } from '../../app/api/types';
import { buildingUseLabel, locationLabel } from '../../app/careLabels';
import { venuePlace } from '../../app/careText';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import { EvidenceFiles } from '../../app/components/EvidenceFiles';
import { ReasonModal } from '../../app/components/ReasonModal';
import { currentLang } from '../../app/i18n';
import {
  deactivateVenue,
  fetchVenue,
  listVenueFiles,
  reactivateVenue,
  uploadVenueFile,
  VENUE_FILE_PURPOSES,
  venueFilesKey,
  venueKey,
} from './api';
import { ChecklistEditor } from './components/ChecklistEditor';
import { ChecklistHeader, ChecklistView } from './components/ChecklistView';
import { VenueFormModal } from './components/VenueFormModal';

export default function VenuePage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [toggling, setToggling] = useState(false);
  const venue = useQuery({ queryKey: venueKey(id), queryFn: () => fetchVenue(id) });
  const files = useQuery({ queryKey: venueFilesKey(id), queryFn: () => listVenueFiles(id) });
  if (venue.error) return <ApiErrorResult error={venue.error} onRetry={() => void venue.refetch()} />;
  const v = venue.data;
  const saved = (x: Venue) => {
    qc.setQueryData(venueKey(id), x);
    void qc.invalidateQueries({ queryKey: ['venues'], refetchType: 'none' });
  };
  return (
    <PageContainer
      title={v?.name ?? t('menu.venues')}
      tags={v && !v.active ? <Tag>{t('common.inactive')}</Tag> : undefined}
      onBack={() => navigate('/venues')}
      extra={
        v && (
          <Space>
            {v.abilities.update && <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>}
            {(v.abilities.deactivate || v.abilities.reactivate) && (
              <Button danger={v.abilities.deactivate} onClick={() => setToggling(true)}>
                {v.abilities.deactivate ? t('common.deactivate') : t('common.reactivate')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!v ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ display: 'flex' }}>
          <Card size="small">
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
              <Descriptions.Item label={t('venues.org')}>{v.orgName}</Descriptions.Item>
              <Descriptions.Item label={t('venues.address')}>{v.address}</Descriptions.Item>
              <Descriptions.Item label={t('venues.divisionCode')}>{v.divisionCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('venues.location')}>
                {venuePlace(v.location, locationLabel(v.location, lang), v.floor, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('venues.buildingUse')}>
                {buildingUseLabel(v.buildingUse, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('venues.area')}>{v.areaM2 ? `${v.areaM2} m²` : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('venues.capacity')}>{v.capacity ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          {v.checklist.fireSafety === true && v.fireEvidence === false && (
            <Alert
              type="warning"
              showIcon
              data-testid="fire-evidence-missing"
              message={t('classDocs.fireEvidenceMissing')}
              description={v.abilities.upload ? t('classDocs.fireEvidenceHint') : undefined}
            />
          )}
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={v.abilities.update ? 24 : 12}>
              <Card size="small" title={t('venues.checklist')}>
                {v.abilities.update ? (
                  <>
                    <ChecklistHeader venue={v} onChanged={saved} />
                    <ChecklistEditor key={v.version} venue={v} files={files.data ?? []} onSaved={saved} />
                  </>
                ) : (
                  <ChecklistView venue={v} files={files.data} onChanged={saved} />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={v.abilities.update ? 24 : 12}>
              <Card size="small" title={t('venues.files')}>
                <EvidenceFiles
                  files={files.data ?? []}
                  loading={files.isPending}
                  purposes={VENUE_FILE_PURPOSES}
                  purposeLabel={(p) => t(`venues.purpose.${p}`)}
                  canUpload={v.abilities.upload}
                  upload={(file, purpose) => uploadVenueFile(id, file, purpose)}
                  onUploaded={() => {
                    void qc.invalidateQueries({ queryKey: venueFilesKey(id) });
                    // A fire certificate changes whether fire safety has its evidence.
                    void qc.invalidateQueries({ queryKey: venueKey(id), exact: true });
                  }}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      )}
      <VenueFormModal
        target={editing && v ? { mode: 'edit', venue: v } : null}
        onClose={() => setEditing(false)}
        onSaved={saved}
      />
      <ReasonModal
        open={toggling && !!v}
        title={
          v?.abilities.deactivate
            ? t('venues.deactivateTitle', { name: v?.name })
            : t('venues.reactivateTitle', { name: v?.name })
        }
        warning={v?.abilities.deactivate ? t('venues.deactivateWarning') : undefined}
        okText={v?.abilities.deactivate ? t('common.deactivate') : t('common.reactivate')}
        danger={!!v?.abilities.deactivate}
        onClose={() => setToggling(false)}
        onSubmit={async (reason) => {
          if (!v) return;
          saved(await (v.abilities.deactivate ? deactivateVenue(v.id, reason) : reactivateVenue(v.id, reason)));
          void message.success(t('common.saved'));
        }}
      />
    </PageContainer>
  );
}

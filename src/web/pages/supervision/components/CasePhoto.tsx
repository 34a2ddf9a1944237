/**
 * A good-practice case photo with whether the public site shows it, and the record of the children it shows
 * (public_photo_children): the city picks them from the class's children and sees each guardian's publicity
 * consent; a photo with any child without consent is marked "not shown publicly" (the server decides, the page only
 * shows its answer). Other readers of the case see the record without names.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Image, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoChildrenDto } from '../../../../server/modules/public/photo-children.schema';
import { api, errorMessage } from '../../../app/api/client';

type PhotoChildren = PhotoChildrenDto;
type Child = PhotoChildren['candidates'][number];

const photoChildrenKey = (fileId: number) => ['public', 'photo-children', fileId] as const;
const fetchPhotoChildren = (fileId: number) => api.get<PhotoChildren>(`/api/public/photos/${fileId}/children`);
const recordPhotoChildren = (fileId: number, childIds: number[]) =>
  api.post<{ childIds: number[] }>(`/api/public/photos/${fileId}/children`, { childIds });

const STATUS_COLOR = { shown: 'green', consent: 'red', unrecorded: 'orange', unpublished: 'default', type: 'default' };

/** `published`: the case's state, so that publishing or withdrawing it asks the server again. */
export function CasePhoto({ photo, published }: { photo: { id: number; url: string }; published: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const q = useQuery({
    queryKey: [...photoChildrenKey(photo.id), published],
    queryFn: () => fetchPhotoChildren(photo.id),
  });
  const status = q.data ? (q.data.shownPublicly ? 'shown' : (q.data.hiddenBecause ?? 'type')) : null;
  return (
    <div data-testid={`case-photo-${photo.id}`} style={{ width: 132 }}>
      <Image src={photo.url} width={132} height={99} style={{ objectFit: 'cover', borderRadius: 6 }} />
      {status && (
        <Tag
          data-testid="photo-public-status"
          data-status={status}
          color={STATUS_COLOR[status]}
          style={{ whiteSpace: 'normal', marginTop: 4, marginInlineEnd: 0 }}
        >
          {t(`photoChildren.status.${status}`)}
        </Tag>
      )}
      {q.data && (
        <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setOpen(true)}>
          {q.data.canRecord ? t('photoChildren.button') : t('photoChildren.view')}
        </Button>
      )}
      {open && q.data && <PhotoChildrenModal fileId={photo.id} data={q.data} onClose={() => setOpen(false)} />}
    </div>
  );
}

function PhotoChildrenModal(props: { fileId: number; data: PhotoChildren; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data } = props;
  const [picked, setPicked] = useState<number[]>(data.recorded.map((r) => r.childId));
  const fresh = picked.filter((id) => !data.recorded.some((r) => r.childId === id));
  const save = useMutation({
    mutationFn: () => recordPhotoChildren(props.fileId, fresh),
    onSuccess: async () => {
      void message.success(t('photoChildren.saved'));
      await qc.invalidateQueries({ queryKey: photoChildrenKey(props.fileId) });
      props.onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const consentTag = (c: Child) => (
    <Tag color={c.consent ? 'green' : 'red'} data-testid={`consent-${c.childId}`}>
      {c.consent ? t('photoChildren.consentYes') : t('photoChildren.consentNo')}
    </Tag>
  );
  if (!data.canRecord) {
    const missing = data.recorded.filter((r) => !r.consent).length;
    return (
      <Modal open title={t('photoChildren.title')} onCancel={props.onClose} footer={null}>
        <Typography.Paragraph>
          {t('photoChildren.readerSummary', { count: data.recorded.length, missing })}
        </Typography.Paragraph>
      </Modal>
    );
  }
  const byId = new Map(data.candidates.map((c) => [c.childId, c]));
  const anyNoConsent = picked.some(
    (id) => !(byId.get(id)?.consent ?? data.recorded.find((r) => r.childId === id)?.consent),
  );
  return (
    <Modal
      open
      title={t('photoChildren.title')}
      onCancel={props.onClose}
      onOk={() => save.mutate()}
      okText={t('photoChildren.save')}
      okButtonProps={{ disabled: fresh.length === 0, loading: save.isPending }}
    >
      <Space direction="vertical" style={{ display: 'flex' }}>
        <Typography.Text type="secondary">{t('photoChildren.help')}</Typography.Text>
        {anyNoConsent && <Alert type="warning" showIcon message={t('photoChildren.anyNoConsent')} />}
        <Table<Child>
          size="small"
          rowKey="childId"
          pagination={false}
          scroll={{ y: 360 }}
          dataSource={data.candidates}
          locale={{ emptyText: t('photoChildren.noCandidates') }}
          rowSelection={{
            // Each child is a statement about this photo: picked one by one, never all at once.
            hideSelectAll: true,
            selectedRowKeys: picked,
            onChange: (keys) => setPicked(keys.map(Number)),
            // The record is evidence: a recorded child stays recorded.
            getCheckboxProps: (c) => ({ disabled: c.recorded, 'aria-label': c.name ?? String(c.childId) }),
          }}
          columns={[
            {
              title: t('photoChildren.name'),
              dataIndex: 'name',
              render: (_, c) => (
                <Space size={4}>
                  {c.name}
                  {c.recorded && <Tag>{t('photoChildren.recorded')}</Tag>}
                </Space>
              ),
            },
            { title: t('photoChildren.consent'), width: 110, render: (_, c) => consentTag(c) },
          ]}
        />
      </Space>
    </Modal>
  );
}

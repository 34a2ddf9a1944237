/**
 * 申报照片: the photos a unit adds to its demonstration-class application while it is a draft — upload, preview,
 * remove. A photo is uploaded to the application (POST …/files) and then listed in the application's `photoIds`;
 * removing takes it out of that list, so it does not go with the submission (the stored file stays as evidence of
 * the upload). Application photos are for the reviewers only: the public site never shows them (it shows only
 * published case photos that pass the publicity-consent rule, modules/public/public.photos.ts).
 */
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Image, Space, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../../app/api/client';
import { type Application, applicationKey, fetchApplication } from '../api';

const MAX_PHOTOS = 20;
const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = 'image/jpeg,image/png,image/webp';

/** Sets the application's photo list on its latest version (a save of the narrative may have moved it on). */
async function setPhotoIds(id: number, change: (ids: number[]) => number[]) {
  const { application } = await fetchApplication(id);
  return api.patch<Application>(`/api/selection/applications/${id}`, {
    photoIds: change(application.photoIds),
    version: application.version,
  });
}

export function ApplicationPhotos({ application }: { application: Pick<Application, 'id' | 'photoIds'> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = application.id;
  const [busy, setBusy] = useState(0);
  // Several files picked at once are sent one after another: each adds itself to the latest photo list.
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const run = (step: () => Promise<unknown>, done: string) => {
    setBusy((n) => n + 1);
    chain.current = chain.current
      .then(step)
      .then(() => void message.success(done))
      .catch((e) => void message.error(errorMessage(e)))
      .finally(() => {
        setBusy((n) => n - 1);
        void qc.invalidateQueries({ queryKey: applicationKey(id) });
      });
  };
  const photos = application.photoIds;
  return (
    <Card size="small" title={t('applicationPhotos.title')} data-testid="application-photos">
      <Space direction="vertical" style={{ display: 'flex' }}>
        <Typography.Text type="secondary">{t('applicationPhotos.help')}</Typography.Text>
        {photos.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('applicationPhotos.empty')} />
        ) : (
          <>
            <Typography.Text>{t('applicationPhotos.included', { count: photos.length })}</Typography.Text>
            <Image.PreviewGroup>
              <Space wrap align="start">
                {photos.map((p) => (
                  <Space key={p} direction="vertical" size={2} data-testid={`application-photo-${p}`}>
                    <Image
                      src={`/api/files/${p}`}
                      width={132}
                      height={99}
                      style={{ objectFit: 'cover', borderRadius: 6 }}
                      alt={t('applicationPhotos.title')}
                    />
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      style={{ padding: 0 }}
                      onClick={() =>
                        run(() => setPhotoIds(id, (ids) => ids.filter((x) => x !== p)), t('applicationPhotos.removed'))
                      }
                    >
                      {t('applicationPhotos.remove')}
                    </Button>
                  </Space>
                ))}
              </Space>
            </Image.PreviewGroup>
          </>
        )}
        <Upload
          accept={ACCEPT}
          multiple
          showUploadList={false}
          disabled={photos.length >= MAX_PHOTOS}
          beforeUpload={(file) => {
            if (!ACCEPT.split(',').includes(file.type) || file.size > MAX_BYTES) {
              void message.error(t('applicationPhotos.help'));
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file }) =>
            run(async () => {
              const f = await api.upload<{ id: number }>(`/api/selection/applications/${id}/files`, file as File);
              await setPhotoIds(id, (ids) => {
                if (ids.length >= MAX_PHOTOS) throw new Error(t('applicationPhotos.tooMany'));
                return [...ids, f.id];
              });
            }, t('applicationPhotos.uploaded'))
          }
        >
          <Button icon={<UploadOutlined />} loading={busy > 0} disabled={photos.length >= MAX_PHOTOS}>
            {t('applicationPhotos.upload')}
          </Button>
        </Upload>
      </Space>
    </Card>
  );
}

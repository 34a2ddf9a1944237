/** Photo picker for daily records and timetable slots: each picture is uploaded at once for the class. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { uploadDailyPhoto } from '../api';

export function DailyPhotoUpload({
  classId,
  max,
  onChange,
}: {
  classId: number;
  max: number;
  /** The ids of the uploaded photos, in order. */
  onChange(ids: number[]): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [list, setList] = useState<UploadFile[]>([]);
  const publish = (next: UploadFile[]) => {
    setList(next);
    onChange(next.filter((f) => f.status === 'done' && f.response?.id).map((f) => f.response.id as number));
  };
  return (
    <Upload
      accept="image/jpeg,image/png"
      listType="picture-card"
      fileList={list}
      maxCount={max}
      onChange={({ fileList }) => publish(fileList)}
      customRequest={({ file, onSuccess, onError }) => {
        uploadDailyPhoto(classId, file as File)
          .then((r) => onSuccess?.(r))
          .catch((e) => {
            void message.error(errorMessage(e));
            onError?.(e as Error);
          });
      }}
    >
      {list.length >= max ? null : (
        <div>
          <PlusOutlined />
          <div style={{ marginTop: 4 }}>{t('daily.addPhoto')}</div>
        </div>
      )}
    </Upload>
  );
}

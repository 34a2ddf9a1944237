/**
 * 节假日日历 (city administrator): the State Council's holidays and 调休 make-up workdays per year. Years the
 * bundled data does not know (next summer's, typically) are entered here by pasting the published list or
 * uploading a simple spreadsheet; the server reads it, the page previews it, and saving re-checks the classes.
 */
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api/client';
import { ApiErrorResult } from '../../app/components/ApiErrorResult';
import {
  asList,
  type CalendarYear,
  calendarKey,
  fetchCalendar,
  importList,
  importXlsx,
  previewList,
  saveYear,
} from './api';

function DateTags({ dates, color }: { dates: string[]; color: string }) {
  const { t } = useTranslation();
  if (dates.length === 0) return <Typography.Text type="secondary">{t('calendar.none')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {dates.map((d) => (
        <Tag key={d} color={color}>
          {d}
        </Tag>
      ))}
    </Space>
  );
}

function YearEditor({ year, manage, onClose }: { year: CalendarYear; manage: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [text, setText] = useState(asList(year));
  const [preview, setPreview] = useState<CalendarYear | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const done = (y: CalendarYear, msg: string) => {
    void qc.invalidateQueries({ queryKey: calendarKey });
    void message.success(msg);
    setPreview(null);
    setText(asList(y));
    if (!y.entered) onClose();
  };
  const fail = (e: unknown) => {
    setPreview(null);
    setProblem(
      e instanceof ApiError && e.fieldIssues.length > 1
        ? e.fieldIssues.map((i) => i.message).join('\n')
        : errorMessage(e),
    );
  };
  const check = useMutation({ mutationFn: () => previewList(year.year, text), onSuccess: setPreview, onError: fail });
  const save = useMutation({
    mutationFn: () => importList(year.year, text),
    onSuccess: (y) => done(y, t('calendar.saved', { count: y.recheckedCampaigns ?? 0 })),
    onError: fail,
  });
  const upload = useMutation({
    mutationFn: (f: File) => importXlsx(year.year, f),
    onSuccess: (y) => done(y, t('calendar.saved', { count: y.recheckedCampaigns ?? 0 })),
    onError: fail,
  });
  const clear = useMutation({
    mutationFn: () => saveYear(year.year, [], []),
    onSuccess: (y) => done(y, t('calendar.cleared')),
    onError: fail,
  });
  const shown = preview?.entered ?? year.entered;

  return (
    <Modal
      open
      width={720}
      title={t('calendar.editTitle', { year: year.year })}
      onCancel={onClose}
      footer={
        manage ? (
          <Space wrap>
            {year.entered ? (
              <Button
                danger
                loading={clear.isPending}
                onClick={() =>
                  modal.confirm({
                    content: t('calendar.clearConfirm', { year: year.year }),
                    onOk: () => clear.mutateAsync(),
                  })
                }
              >
                {t('calendar.clear')}
              </Button>
            ) : null}
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(f) => {
                setProblem(null);
                upload.mutate(f);
                return false;
              }}
            >
              <Button loading={upload.isPending}>{t('calendar.uploadXlsx')}</Button>
            </Upload>
            <Button
              loading={check.isPending}
              onClick={() => {
                setProblem(null);
                check.mutate();
              }}
              data-testid="calendar-preview"
            >
              {t('calendar.preview')}
            </Button>
            <Button
              type="primary"
              loading={save.isPending}
              onClick={() => {
                setProblem(null);
                save.mutate();
              }}
              data-testid="calendar-save"
            >
              {t('calendar.save')}
            </Button>
          </Space>
        ) : null
      }
    >
      {manage ? (
        <>
          <Typography.Paragraph type="secondary">{t('calendar.pasteLabel')}</Typography.Paragraph>
          <Input.TextArea
            rows={8}
            value={text}
            placeholder={t('calendar.pastePlaceholder')}
            aria-label={t('calendar.pasteLabel')}
            status={problem ? 'error' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setPreview(null);
              setProblem(null);
            }}
            data-testid="calendar-text"
          />
          {problem ? (
            <Alert type="error" showIcon style={{ marginTop: 12, whiteSpace: 'pre-line' }} message={problem} />
          ) : null}
        </>
      ) : (
        <Alert type="info" showIcon message={t('calendar.readOnly')} />
      )}
      {shown ? (
        <Card size="small" style={{ marginTop: 12 }} title={preview ? t('calendar.previewTitle') : undefined}>
          <Typography.Title level={5}>{t('calendar.holidays')}</Typography.Title>
          <DateTags dates={shown.holidays} color="red" />
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('calendar.workdays')}
          </Typography.Title>
          <DateTags dates={shown.workdays} color="blue" />
        </Card>
      ) : null}
    </Modal>
  );
}

export default function CalendarPage() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: calendarKey, queryFn: fetchCalendar });
  const [editing, setEditing] = useState<number | null>(null);
  if (list.error) return <ApiErrorResult error={list.error} onRetry={() => void list.refetch()} />;
  const years = list.data?.years ?? [];
  const manage = list.data?.abilities.manage ?? false;
  const current = years.find((y) => y.year === editing);

  return (
    <PageContainer title={t('calendar.title')} subTitle={t('calendar.subtitle')}>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('calendar.hint')} />
      <Card>
        <Table<CalendarYear>
          rowKey="year"
          loading={list.isPending}
          dataSource={years}
          pagination={false}
          data-testid="calendar-years"
          columns={[
            { title: t('calendar.year'), dataIndex: 'year', width: 100 },
            {
              title: t('calendar.bundled'),
              render: (_, y) =>
                y.bundled ? <Tag color="green">{t('calendar.bundledYes')}</Tag> : <Tag>{t('calendar.bundledNo')}</Tag>,
            },
            {
              title: t('calendar.entered'),
              render: (_, y) =>
                y.entered
                  ? t('calendar.enteredCount', {
                      holidays: y.entered.holidays.length,
                      workdays: y.entered.workdays.length,
                    })
                  : t('calendar.notEntered'),
            },
            {
              title: t('calendar.status'),
              render: (_, y) =>
                y.covered ? (
                  <Tag color="success">{t('calendar.covered')}</Tag>
                ) : (
                  <Tag color="warning">{t('calendar.uncovered')}</Tag>
                ),
            },
            {
              title: '',
              align: 'right',
              render: (_, y) => (
                <Button size="small" onClick={() => setEditing(y.year)} data-testid={`calendar-edit-${y.year}`}>
                  {manage ? t('calendar.edit') : t('calendar.view')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      {current ? (
        <YearEditor key={current.year} year={current} manage={manage} onClose={() => setEditing(null)} />
      ) : null}
    </PageContainer>
  );
}

/** 我的志愿服务: check in and out of the classes on whose roster the person stands; hours from those marks; the PDF. */
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../app/api/client';
import { checkSelf, HOURS_PDF_URL, type MyClasses, myHours, volunteerKeys } from '../api';

/** The class's clock: China time, whatever the browser's zone. */
const hm = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });

export function MyService({ classes, loading }: { classes: MyClasses['items']; loading: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const hours = useQuery({ queryKey: volunteerKeys.myHours, queryFn: myHours });
  const check = useMutation({
    mutationFn: (v: { classId: number; kind: 'in' | 'out' }) => checkSelf(v.classId, v.kind),
    onSuccess: (items) => {
      qc.setQueryData(volunteerKeys.myClasses, items);
      void qc.invalidateQueries({ queryKey: volunteerKeys.myHours });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const total = hours.data?.total;
  return (
    <Card
      title={t('volunteers.mine')}
      loading={loading}
      extra={
        <Button icon={<DownloadOutlined />} href={HOURS_PDF_URL} disabled={!hours.data?.days.length}>
          {t('volunteers.download')}
        </Button>
      }
    >
      {classes.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('volunteers.mineEmpty')}</Typography.Paragraph>
      ) : (
        <List
          dataSource={classes}
          renderItem={(c) => {
            const isIn = c.lastToday?.kind === 'in';
            return (
              <List.Item
                actions={[
                  <Button
                    key="check"
                    type={isIn ? 'default' : 'primary'}
                    loading={check.isPending && check.variables?.classId === c.classId}
                    onClick={() => check.mutate({ classId: c.classId, kind: isIn ? 'out' : 'in' })}
                  >
                    {isIn ? t('volunteers.checkOut') : t('volunteers.checkIn')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={c.className}
                  description={
                    <Space>
                      <Tag>{t(`volunteers.roles.${c.role}`, { defaultValue: c.role })}</Tag>
                      {c.lastToday
                        ? t(isIn ? 'volunteers.checkedInAt' : 'volunteers.checkedOutAt', { time: hm(c.lastToday.at) })
                        : t('volunteers.notYet')}
                    </Space>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
      {total && (
        <Space size={48} style={{ margin: '8px 0 16px' }} wrap>
          <Statistic
            title={t('volunteers.totalHours')}
            value={t('volunteers.hoursValue', { hours: total.hours.toFixed(1) })}
          />
          <Statistic title={t('volunteers.daysServed')} value={t('volunteers.daysValue', { days: total.days })} />
          {total.openDays > 0 && (
            <Typography.Text type="warning">{t('volunteers.openDays', { n: total.openDays })}</Typography.Text>
          )}
        </Space>
      )}
      <Table
        size="small"
        rowKey={(d) => `${d.classId}-${d.day}`}
        loading={hours.isPending}
        dataSource={[...(hours.data?.days ?? [])].reverse()}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('volunteers.noHours')} /> }}
        columns={[
          { title: t('volunteers.day'), dataIndex: 'day', width: 120 },
          { title: t('volunteers.className'), dataIndex: 'className' },
          { title: t('volunteers.inAt'), dataIndex: 'firstIn', width: 90, render: (v: string) => hm(v) },
          {
            title: t('volunteers.outAt'),
            dataIndex: 'lastOut',
            width: 100,
            render: (v: string | null) => (v ? hm(v) : <Tag color="warning">{t('volunteers.notOut')}</Tag>),
          },
          {
            title: t('volunteers.duration'),
            dataIndex: 'minutes',
            width: 100,
            align: 'right',
            render: (m: number) => t('volunteers.hoursValue', { hours: (m / 60).toFixed(1) }),
          },
        ]}
      />
    </Card>
  );
}

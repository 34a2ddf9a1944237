/** 服务时长（按人员）: the hours each person of a class served, counted from their own check-ins. */
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Call, classHours, volunteerKeys } from '../api';

export function HoursPanel({ calls }: { calls: Call[] }) {
  const { t } = useTranslation();
  const classes = useMemo(() => {
    const m = new Map<number, string>();
    for (const c of calls) if (c.abilities.review) m.set(c.classId, c.className);
    return [...m].map(([value, label]) => ({ value, label }));
  }, [calls]);
  const [picked, setPicked] = useState<number | undefined>();
  const classId = picked ?? classes[0]?.value;
  const rows = useQuery({
    queryKey: volunteerKeys.classHours(classId ?? 0),
    queryFn: () => classHours(classId ?? 0),
    enabled: !!classId,
  });
  if (classes.length === 0) return null;
  return (
    <Card
      title={t('volunteers.hoursByVolunteer')}
      extra={
        <Select
          style={{ minWidth: 260 }}
          value={classId}
          options={classes}
          onChange={setPicked}
          aria-label={t('volunteers.pickClass')}
        />
      }
    >
      <Table
        size="small"
        rowKey="classStaffId"
        loading={rows.isPending}
        dataSource={rows.data ?? []}
        pagination={false}
        columns={[
          { title: t('volunteers.name'), dataIndex: 'name' },
          {
            title: t('volunteers.role'),
            dataIndex: 'role',
            render: (r: string) => <Tag>{t(`volunteers.roles.${r}`, { defaultValue: r })}</Tag>,
          },
          { title: t('volunteers.daysServed'), dataIndex: 'days', align: 'right', width: 90 },
          {
            title: t('volunteers.duration'),
            dataIndex: 'hours',
            align: 'right',
            width: 110,
            render: (h: number) => t('volunteers.hoursValue', { hours: h.toFixed(1) }),
          },
          {
            title: t('volunteers.notOut'),
            dataIndex: 'openDays',
            align: 'right',
            width: 100,
            render: (n: number) => (n > 0 ? <Tag color="warning">{n}</Tag> : '—'),
          },
          { title: t('volunteers.lastDay'), dataIndex: 'lastDay', width: 120, render: (d: string | null) => d ?? '—' },
        ]}
      />
    </Card>
  );
}

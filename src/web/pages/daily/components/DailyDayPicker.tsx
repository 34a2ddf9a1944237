/** The day picker of the 台账 and 活动 tabs: previous/next day, a date picker and "today". */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, DatePicker, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

/** Today in China, where the classes are, whatever the browser's time zone. */
export const todayIso = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function DailyDayPicker({ day, onChange }: { day: string; onChange(day: string): void }) {
  const { t } = useTranslation();
  const step = (n: number) => onChange(dayjs(day).add(n, 'day').format('YYYY-MM-DD'));
  return (
    <Space wrap size={4}>
      <Button icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={t('daily.prevDay')} />
      <DatePicker
        value={dayjs(day)}
        allowClear={false}
        onChange={(d) => d && onChange(d.format('YYYY-MM-DD'))}
        format="YYYY-MM-DD ddd"
        style={{ width: 150 }}
        data-testid="daily-day"
      />
      <Button icon={<RightOutlined />} onClick={() => step(1)} aria-label={t('daily.nextDay')} />
      {day !== todayIso() && <Button onClick={() => onChange(todayIso())}>{t('daily.today')}</Button>}
    </Space>
  );
}

/**
 * Every moment the console shows is China time (Asia/Shanghai, UTC+8 all year), whatever the browser's zone: a
 * message sent at 08:05 in 北京 reads 08:05 on a laptop set to London, as 今日 already follows China's date.
 * Dates the user picks (DatePicker, TimePicker) are wall-clock values and do not come through here.
 */
const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/**
 * An instant (ISO string, Date or epoch ms) in China time by a small dayjs-like pattern: YYYY MM DD HH mm ss
 * (e.g. 'YYYY-MM-DD HH:mm', 'MM-DD HH:mm:ss', 'HH:mm'). Empty for a missing or unreadable value.
 */
export function formatChina(value: string | number | Date | null | undefined, pattern = 'YYYY-MM-DD HH:mm'): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return pattern.replace(/YYYY|MM|DD|HH|mm|ss/g, (tok) => {
    switch (tok) {
      case 'YYYY':
        return p.year ?? '';
      case 'MM':
        return p.month ?? '';
      case 'DD':
        return p.day ?? '';
      case 'HH':
        return p.hour ?? '';
      case 'mm':
        return p.minute ?? '';
      default:
        return p.second ?? '';
    }
  });
}

/** English wording of the national calendar page and its banners. */
import type { Shape } from './zh';
import type { zhCalendar } from './zh.calendar';

export const enCalendar: Shape<typeof zhCalendar> = {
  calendar: {
    menu: 'Holiday calendar',
    title: 'Holiday calendar',
    subtitle:
      'Enter the State Council’s public holidays and make-up workdays; entered dates override the bundled data wherever working days are counted',
    year: 'Year',
    bundled: 'Bundled',
    bundledYes: 'Bundled',
    bundledNo: 'Not bundled',
    entered: 'Entered by the city',
    enteredCount: '{{holidays}} holidays · {{workdays}} make-up workdays',
    notEntered: 'Not entered',
    status: 'Working days',
    covered: 'Known',
    uncovered: 'Holidays missing',
    edit: 'Enter / change',
    view: 'View',
    editTitle: 'Holidays of {{year}}',
    pasteLabel: 'Paste the schedule (one date or range per line, marked 休 for a holiday or 班 for a workday)',
    pastePlaceholder: '2027-01-01 休\n2027-10-01~2027-10-07 休\n2027-09-26 班\n2027-10-09 班',
    preview: 'Preview',
    previewTitle: 'Dates to be saved',
    holidays: 'Holidays (休)',
    workdays: 'Make-up workdays (班)',
    none: 'None',
    save: 'Save',
    uploadXlsx: 'Upload Excel (date | 休/班)',
    clear: 'Clear this year',
    clearConfirm:
      '{{year}} will then count with the bundled data (or weekends only if there is none). Clear the entries?',
    saved: 'Saved; classes of {{count}} campaigns were re-checked',
    cleared: 'Cleared',
    readOnly: 'Only the city administrator can enter the holiday schedule.',
    hint: 'Enter each year’s schedule as soon as the State Council publishes it. The minimum-working-days rule, the daily records’ required days and each class’s day list then count with it.',
    bannerTitle: 'The official holidays of {{years}} have not been entered',
    bannerText:
      'Working days in this period are estimated from weekends only; the minimum-working-days rule can only warn until they are entered.',
    bannerLink: 'Enter them on the holiday calendar',
    bannerAsk: 'Ask the city federation to enter them on the holiday calendar.',
  },
};

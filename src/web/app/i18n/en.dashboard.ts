/** English text of the city and district dashboard; typed against the Chinese so a missing key fails the type check. */
import type { Shape } from './zh';
import type { zhDashboard } from './zh.dashboard';

export const enDashboard: Shape<typeof zhDashboard> = {
  dashboard: {
    noCampaign: 'No care campaign yet. Once one is set up, its targets and the districts’ progress are shown here',
    campaign: 'Care campaign',
    asOf: 'As of',
    asOfDay: 'Day counted',
    today: 'Today',
    exportExcel: 'Export Excel',
    print: 'Print',
    loadFailed: 'The dashboard could not be loaded',
    heading: '{{kind}} · as of {{date}}',
    kind: { city: 'City-wide', district: 'District', industry: 'Industry union', unit: 'Unit' },
    rowsTitle: {
      city: 'Districts (and industry unions)',
      district: 'Grassroots units',
      industry: 'Grassroots units',
      unit: 'Care classes',
      other: 'Sub-organisations',
    },
    classesChart: 'Care classes (by status)',
    familiesChart: 'Families served and children enrolled',
    risksTitle: 'Risk alerts ({{count}})',
    heatmapTitle: 'Compliance heatmap (share of approved classes failing each rule)',
    col: {
      classes: 'Classes',
      org: 'Organisation',
      status: 'Status',
      unitsDelivering: 'Units with classes',
      enrolling: 'Enrolling',
      running: 'Running',
      finished: 'Finished',
      other: 'Other',
      capacity: 'Places',
      children: 'Children enrolled',
      families: 'Families served',
      attendanceRate: 'Attendance rate',
      failingClasses: 'Failing classes',
      items: 'To rectify (overdue)',
      reportingRate: 'Reporting rate',
    },
    overdueCount: ' ({{count}})',
    itemsWithOverdue: '{{open}} ({{overdue}})',
    total: 'Total',
    classCount: '{{count}} classes',
    emptyClasses: 'This unit has no care classes in this campaign',
    emptyOrgs: 'No sub-organisations',
    target: {
      label: {
        units: 'Participating grassroots units',
        families: 'Workers’ families served',
        demonstrationClasses: 'City-level demonstration classes',
      },
      unit: { units: ' units', families: ' families', demonstrationClasses: ' classes' },
      of: '/ target {{target}}{{unit}}',
      cityWide: ' (city-wide)',
      done: '{{label}}: {{share}}% done',
      forecast: 'Forecast',
      forecastShare: '{{unit}} ({{share}}%)',
      how: {
        units: ': units with an approved or enrolling class',
        families: ': families served + free places in classes still enrolling',
        demonstrationClasses: '',
      },
      note: {
        demonstrationClasses:
          'The demonstration class selection has not started (no selection data yet); counted as 0 for now',
      },
    },
    risk: {
      kind: {
        attendance: 'Low attendance',
        records: 'Missing records',
        incident: 'Open safety incident',
        overdue: 'Rectification overdue',
      },
      detail: {
        attendance: 'Attendance rate {{value}}%, below the minimum of {{min}}%',
        records: '{{value}} daily record(s) missing',
        incident: '{{value}} serious or worse safety incident(s) not closed',
        overdue: '{{value}} rectification item(s) overdue',
      },
      truncated:
        '{{total}} risk alerts in all; only the most serious of each kind are listed here: {{kinds}}. Export to Excel for the full list.',
      kindCount: '{{kind}} {{shown}} of {{count}}',
      sep: '; ',
      col: { kind: 'Risk', class: 'Class', detail: 'Details' },
      none: 'No risk alerts (attendance at least {{min}}%, records complete, no open safety incidents or overdue rectification)',
    },
    heatmap: {
      tooltip: '{{rule}}: {{failing}} / {{classes}} classes',
      tooltipShare: ' ({{share}}%)',
      none: 'As of the day counted, no class fails a rule check',
    },
  },
};

/**
 * Roster import (儿童名册导入, issue 5): the .xlsx template units fill in, and the tolerant parser behind
 * `tuoguan roster check` and the class page's upload. The public surface of src/domain/roster.
 */
export type { CellInput } from './cells.js';
export {
  columnForHeader,
  normalizeHeader,
  ROSTER_COLUMN_KEYS,
  ROSTER_COLUMNS,
  type RosterColumn,
  type RosterColumnKey,
  type RosterError,
} from './columns.js';
export { checkRosterRows, type RawRosterRow, type RosterCheckResult, type RosterRow } from './rows.js';
export {
  buildRosterTemplate,
  checkRosterWorkbook,
  HELP_SHEET,
  type ParseRosterOptions,
  parseRosterWorkbook,
  ROSTER_READ_LIMITS,
  ROSTER_SHEET,
  RosterFileError,
  rosterFileError,
} from './xlsx.js';

/**
 * Checking roster rows once the cells are read: required fields, each cell's value, and the rules that span
 * fields or rows — kindergarten children need the self-care answer (P-R1), the ID's birth date and gender agree
 * with the columns, the same child does not appear twice. Pure; every problem becomes one RosterError naming its
 * sheet row and column letter, and a row with any error is left out of `rows`.
 */
import type { IsoDate } from '../calendar/dates.js';
import { birthDateFromId, genderFromId, parseResidentId } from '../people/residentId.js';
import type { Grade, Localized } from '../rules/types.js';
import {
  type CellInput,
  cellText,
  isBlank,
  type Parsed,
  parseDateCell,
  parseGenderCell,
  parseGradeCell,
  parseMobileCell,
  parseNameCell,
  parsePhoneCell,
  parseTextCell,
  parseYesNoCell,
} from './cells.js';
import { columnSpec, ROSTER_COLUMN_KEYS, type RosterColumnKey, type RosterError } from './columns.js';

/** One child as imported: the shape the class page and the enrolment import take. */
export interface RosterRow {
  /** Sheet row (1-based), so a later problem can still point at the line in the file. */
  row: number;
  name: string;
  gender: 'M' | 'F' | null;
  birthDate: IsoDate;
  /** Canonical 18 characters (upper-case X), or null when not given. */
  idNumber: string | null;
  school: string | null;
  grade: Grade;
  /** 自理能力: null when not answered (allowed for primary grades only). */
  selfCare: boolean | null;
  healthNotes: string | null;
  guardianName: string;
  /** 11 digits. */
  guardianPhone: string;
  emergencyName: string | null;
  /** 11-digit mobile or "010-12345678". */
  emergencyPhone: string | null;
}

export interface RawRosterRow {
  row: number;
  cells: Partial<Record<RosterColumnKey, CellInput>>;
}

export interface RosterCheckOptions {
  /** Today in China: birth dates after it, or 18+ years before it, are errors. */
  asOf: IsoDate;
  /** The workbook counts serial dates from 1904 (old Mac Excel). */
  date1904?: boolean;
  /** Where each column is in the sheet; a column missing from the sheet is reported by its header name. */
  columnLetters: Partial<Record<RosterColumnKey, string>>;
}

export interface RosterCheckResult {
  rows: RosterRow[];
  errors: RosterError[];
}

function ageOn(birth: IsoDate, asOf: IsoDate): number {
  const years = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
  return asOf.slice(5) < birth.slice(5) ? years - 1 : years;
}

function idCell(v: CellInput, birthDate: IsoDate | null, asOf: IsoDate): Parsed<string> {
  const r = parseResidentId(typeof v === 'number' ? v : cellText(v), { birthDate, asOf });
  return r.ok ? { ok: true, value: r.id } : { ok: false, message: r.message };
}

/** A key for "the same child": same name, birth date and guardian phone, when no ID number tells them apart. */
const personKey = (r: RosterRow) => `${r.name}|${r.birthDate}|${r.guardianPhone}`;

export function checkRosterRows(raw: readonly RawRosterRow[], opts: RosterCheckOptions): RosterCheckResult {
  const errors: RosterError[] = [];
  const rows: RosterRow[] = [];
  const letter = (key: RosterColumnKey) => opts.columnLetters[key] ?? columnSpec(key).header;
  const idSeen = new Map<string, number>();
  const personSeen = new Map<string, number>();
  let dataRows = 0;

  for (const { row, cells } of raw) {
    const value = (key: RosterColumnKey): CellInput => cells[key] ?? null;
    // An empty row (or one with only a pre-filled 序号) is skipped, not reported.
    if (ROSTER_COLUMN_KEYS.every((k) => isBlank(value(k)))) continue;
    dataRows++;
    const before = errors.length;
    const report = (key: RosterColumnKey, message: Localized) => errors.push({ row, column: letter(key), message });

    /** Parses an optional cell: null when blank, the value when good, undefined (and an error) when bad. */
    function optional<T>(key: RosterColumnKey, parse: (v: CellInput) => Parsed<T>): T | null | undefined {
      const v = value(key);
      if (isBlank(v)) return null;
      const p = parse(v);
      if (p.ok) return p.value;
      report(key, p.message);
      return undefined;
    }
    function required<T>(key: RosterColumnKey, parse: (v: CellInput) => Parsed<T>): T | undefined {
      const got = optional(key, parse);
      if (got === null) {
        const { header, en } = columnSpec(key);
        report(key, { zh: `“${header}”为必填项`, en: `${en} (${header}) is required` });
        return undefined;
      }
      return got;
    }

    const name = required('name', parseNameCell);
    let gender = optional('gender', parseGenderCell);
    let birthDate = required('birthDate', (v) => parseDateCell(v, opts.date1904));
    const school = optional('school', (v) => parseTextCell(v, 100));
    const grade = required('grade', parseGradeCell);
    const selfCare = optional('selfCare', parseYesNoCell);
    const healthNotes = optional('healthNotes', (v) => parseTextCell(v, 500));
    const guardianName = required('guardianName', parseNameCell);
    const guardianPhone = required('guardianPhone', parseMobileCell);
    const emergencyName = optional('emergencyName', parseNameCell);
    const emergencyPhone = optional('emergencyPhone', parsePhoneCell);

    if (birthDate !== undefined) {
      if (birthDate > opts.asOf) {
        report('birthDate', {
          zh: `出生日期 ${birthDate} 晚于今天，请核对年份`,
          en: `The date of birth ${birthDate} is in the future; check the year`,
        });
        birthDate = undefined;
      } else if (ageOn(birthDate, opts.asOf) >= 18) {
        report('birthDate', {
          zh: `出生日期 ${birthDate} 表明已满 18 岁，请核对年份`,
          en: `The date of birth ${birthDate} makes the child 18 or older; check the year`,
        });
        birthDate = undefined;
      }
    }

    // The ID is checked against the birth date only when that date was read; otherwise the date's own error stands.
    const idNumber = optional('idNumber', (v) => idCell(v, birthDate ?? null, opts.asOf));
    if (idNumber) {
      const idGender = genderFromId(idNumber);
      if (gender && idGender && gender !== idGender) {
        const zh = (g: 'M' | 'F') => (g === 'M' ? '男' : '女');
        report('gender', {
          zh: `性别“${zh(gender)}”与身份证号（第 17 位表示${zh(idGender)}）不一致`,
          en: `Gender ${gender} differs from the ID number (its 17th digit means ${idGender})`,
        });
      } else if (gender === null) gender = idGender; // GB 11643 encodes it, so an empty 性别 is no loss.
      const first = idSeen.get(idNumber);
      if (first !== undefined) {
        report('idNumber', { zh: `身份证号与第 ${first} 行重复`, en: `The same ID number is already on row ${first}` });
      } else idSeen.set(idNumber, row);
      // 出生日期 left empty: the ID says what it should be, which saves the person fixing the sheet a look-up.
      const missing = errors.find((e, i) => i >= before && e.column === letter('birthDate'));
      if (missing && isBlank(value('birthDate'))) {
        const fromId = birthDateFromId(idNumber);
        missing.message = {
          zh: `${missing.message.zh}（身份证号中的出生日期为 ${fromId}）`,
          en: `${missing.message.en} (the ID number says ${fromId})`,
        };
      }
    }

    if (grade === 'K' && selfCare === null) {
      report('selfCare', {
        zh: '幼儿园儿童须填写“自理能力”（是/否）：幼儿园儿童须具备生活自理能力方可参加',
        en: 'Kindergarten children need the self-care answer (是/否): they are admitted only with self-care ability',
      });
    }
    if (emergencyName && emergencyPhone === null) {
      report('emergencyPhone', {
        zh: '填写了紧急联系人，但缺少紧急联系电话',
        en: 'Emergency contact given without a phone',
      });
    }
    if (emergencyPhone && emergencyName === null) {
      report('emergencyName', {
        zh: '填写了紧急联系电话，但缺少紧急联系人',
        en: 'Emergency phone given without a name',
      });
    }

    if (
      errors.length > before ||
      name === undefined ||
      birthDate === undefined ||
      grade === undefined ||
      guardianName === undefined ||
      guardianPhone === undefined
    ) {
      continue;
    }
    const child: RosterRow = {
      row,
      name,
      gender: gender ?? null,
      birthDate,
      idNumber: idNumber ?? null,
      school: school || null,
      grade,
      selfCare: selfCare ?? null,
      healthNotes: healthNotes || null,
      guardianName,
      guardianPhone,
      emergencyName: emergencyName || null,
      emergencyPhone: emergencyPhone ?? null,
    };
    if (!child.idNumber) {
      const first = personSeen.get(personKey(child));
      if (first !== undefined) {
        report('name', {
          zh: `与第 ${first} 行是同一名儿童（姓名、出生日期、监护人手机相同）`,
          en: `Same child as row ${first} (same name, date of birth and guardian mobile)`,
        });
        continue;
      }
    }
    personSeen.set(personKey(child), row);
    rows.push(child);
  }

  if (dataRows === 0) {
    errors.push({
      row: 0,
      column: '',
      message: {
        zh: '文件中没有儿童数据（表头下方的行都是空的）',
        en: 'The file has no children (every row under the header is empty)',
      },
    });
  }
  return { rows, errors };
}

import { maskIdNumber, maskPhone, normalizePhone, parseIdNumber, type IdNumberProblem, type IdType, type Relation, type ResidentTag } from '@jiayuan/contracts';
import type { PersonalDataCipher } from '../../platform/crypto/personal-data.js';
import { copyLine } from '../../platform/db/copy-format.js';
import type { RowError } from '../../platform/imports/importer.js';
import { ID_TYPE_WORDS, IMPORT_COLUMNS, RELATION_WORDS, TAG_WORDS, type ImportColumnKey } from './resident-import.columns.js';
import type { DwellingRef } from './resident-import.lookups.js';
import { dwellingKey } from './resident-import.lookups.js';

const ID_PROBLEM_CODE: Record<IdNumberProblem, string> = {
  format: 'ROW_ID_FORMAT',
  region: 'ROW_ID_REGION',
  birthDate: 'ROW_ID_BIRTH_DATE',
  checksum: 'ROW_ID_CHECKSUM',
};

/** Column positions in the `cells` array a row arrives as: the template's column order. */
const COL = Object.fromEntries(IMPORT_COLUMNS.map((c, i) => [c.key, i])) as Record<ImportColumnKey, number>;
const COLUMN_ZH = IMPORT_COLUMNS.map((c) => c.zh);

export interface RowLookups {
  dwellings: Map<string, DwellingRef>;
  employers: Map<string, number>;
  /** Oldest household of each dwelling: where rows without a household number go. */
  existingHouseholds: Map<number, number>;
}

export type RowOutcome = { line: string; errors?: undefined } | { line?: undefined; errors: RowError[] };

/**
 * Checks one spreadsheet row and, when it is valid, turns it into a staging line with the ID
 * and phone numbers already encrypted. No database access, so it runs in a worker thread too.
 * Keeps the numbering of new households across rows (one per dwelling and household number).
 */
export class RowValidator {
  private readonly newHouseholds = new Map<string, number>();

  constructor(
    private readonly jobId: number,
    private readonly cipher: PersonalDataCipher,
    private readonly lookups: RowLookups,
  ) {}

  check(rowNo: number, cells: readonly string[]): RowOutcome {
    const { cipher, lookups } = this;
    const errors: RowError[] = [];
    const fail = (column: ImportColumnKey, code: string, value: string | null = null) => errors.push({ rowNo, column: COLUMN_ZH[COL[column]]!, code, value });
    const get = (k: ImportColumnKey) => cells[COL[k]] ?? '';

    const name = get('name');
    if (!name) fail('name', 'ROW_REQUIRED');
    else if (name.length > 40) fail('name', 'ROW_NAME_TOO_LONG');

    const place = [get('community'), get('compound'), get('building'), get('stairwell'), get('dwelling')] as const;
    let dwelling: DwellingRef | undefined;
    const missing = place.findIndex((p) => !p);
    if (missing >= 0) fail(IMPORT_COLUMNS[missing]!.key, 'ROW_REQUIRED');
    else {
      dwelling = lookups.dwellings.get(dwellingKey(...place));
      if (!dwelling) fail('dwelling', 'ROW_UNKNOWN_DWELLING', place.join(' '));
    }

    const idTypeText = get('idType');
    const idType: IdType | undefined = idTypeText ? ID_TYPE_WORDS[idTypeText.normalize('NFKC').replace(/\s+/g, '')] : 'resident_id';
    if (!idType) fail('idType', 'ROW_ID_TYPE', idTypeText);
    let idNumber: string | null = null;
    let birthDate: string | null = null;
    let sex: string | null = null;
    const rawId = get('idNumber');
    if (rawId && idType === 'resident_id') {
      const parsed = parseIdNumber(rawId);
      if (!parsed.ok) fail('idNumber', ID_PROBLEM_CODE[parsed.problem], maskIdNumber(rawId.replace(/\s+/g, '')));
      else ({ normalized: idNumber, birthDate, sex } = parsed.value);
    } else if (rawId && idType) idNumber = rawId.toUpperCase().replace(/\s+/g, '');

    const rawPhone = get('phone');
    const phone = rawPhone ? normalizePhone(rawPhone) : null;
    if (rawPhone && !phone) fail('phone', 'ROW_PHONE', maskPhone(rawPhone));

    let employerId: number | null = null;
    const employer = get('employer');
    if (employer) {
      employerId = lookups.employers.get(employer.normalize('NFKC').replace(/\s+/g, '')) ?? null;
      if (employerId === null) fail('employer', 'ROW_UNKNOWN_EMPLOYER', employer);
    }
    const relationText = get('relation');
    const relation: Relation | undefined = relationText ? RELATION_WORDS[relationText.replace(/\s+/g, '').toLowerCase()] : 'head';
    if (!relation) fail('relation', 'ROW_RELATION', relationText);
    const tags = new Set<ResidentTag>();
    for (const t of get('tags').split(/[,，、;；\s]+/)) {
      if (!t) continue;
      const tag = TAG_WORDS[t.toLowerCase()];
      if (tag) tags.add(tag);
      else fail('tags', 'ROW_TAG', t);
    }
    if (errors.length > 0) return { errors };

    const householdKey = get('householdKey');
    let householdRef = householdKey === '' ? lookups.existingHouseholds.get(dwelling!.id) : undefined;
    if (householdRef === undefined) {
      const key = `${dwelling!.id}|${householdKey}`;
      let n = this.newHouseholds.get(key);
      if (n === undefined) this.newHouseholds.set(key, (n = this.newHouseholds.size + 1));
      householdRef = -n;
    }
    const indexed = idNumber && (idType === 'resident_id' ? idNumber : `${idType}:${idNumber}`);
    return {
      line: copyLine([
        this.jobId,
        rowNo,
        dwelling!.id,
        dwelling!.path,
        householdRef,
        name,
        idType!,
        idNumber ? cipher.encrypt('idNumber', idNumber) : null,
        indexed ? cipher.blindIndex('idNumber', indexed) : null,
        phone ? cipher.encrypt('phone', phone) : null,
        phone ? cipher.blindIndex('phone', phone) : null,
        birthDate,
        sex,
        relation!,
        employerId,
        [...tags],
        get('note').slice(0, 200) || null,
      ]),
    };
  }

  /** Checks a batch; returns its staging text, the number of valid rows and the errors. */
  checkBatch(rowNos: readonly number[], rows: readonly (readonly string[])[]) {
    let text = '';
    let valid = 0;
    const errors: RowError[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = this.check(rowNos[i]!, rows[i]!);
      if (r.line !== undefined) {
        text += r.line;
        valid++;
      } else errors.push(...r.errors);
    }
    return { text, valid, errors };
  }
}

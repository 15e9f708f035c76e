import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import type { IdType, Relation, ResidentTag } from '@jiayuan/contracts';
import { bytea, createdAt, pathText, updatedAt } from '../../platform/db/columns.js';

/** Management grids (网格): a set of buildings in one community with its grid worker. */
export const grids = pgTable(
  'grids',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    communityId: bigint('community_id', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    gridWorkerUserId: bigint('grid_worker_user_id', { mode: 'number' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('grids_community_name_key').on(t.communityId, t.name)],
);

export const gridBuildings = pgTable(
  'grid_buildings',
  {
    gridId: bigint('grid_id', { mode: 'number' })
      .notNull()
      .references(() => grids.id, { onDelete: 'cascade' }),
    buildingId: bigint('building_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.gridId, t.buildingId] }), uniqueIndex('grid_buildings_building_key').on(t.buildingId)],
);

/** 楼长: the resident who heads a building. */
export const buildingHeads = pgTable('building_heads', {
  buildingId: bigint('building_id', { mode: 'number' }).primaryKey(),
  residentId: bigint('resident_id', { mode: 'number' }).notNull(),
  updatedAt: updatedAt(),
});

export const households = pgTable(
  'households',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    dwellingId: bigint('dwelling_id', { mode: 'number' }).notNull(),
    /** The dwelling's path, copied so scope filters need no join. */
    placePath: pathText('place_path').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('households_dwelling_idx').on(t.dwellingId), index('households_path_idx').on(t.placePath)],
);

/**
 * Residents. ID and phone numbers exist here only as AES-256-GCM ciphertext (`*_enc`) and
 * an HMAC blind index (`*_bi`) for exact search and duplicate detection.
 */
export const residents = pgTable(
  'residents',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    householdId: bigint('household_id', { mode: 'number' })
      .notNull()
      .references(() => households.id),
    placePath: pathText('place_path').notNull(),
    name: text('name').notNull(),
    idType: text('id_type').$type<IdType>().notNull().default('resident_id'),
    idNumberEnc: bytea('id_number_enc'),
    idNumberBi: bytea('id_number_bi'),
    phoneEnc: bytea('phone_enc'),
    phoneBi: bytea('phone_bi'),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: text('sex').$type<'male' | 'female'>(),
    relation: text('relation').$type<Relation>().notNull().default('head'),
    employerId: bigint('employer_id', { mode: 'number' }),
    tags: text('tags')
      .array()
      .$type<ResidentTag[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('residents_id_number_key').on(t.idNumberBi),
    index('residents_phone_idx').on(t.phoneBi),
    index('residents_household_idx').on(t.householdId),
    index('residents_path_idx').on(t.placePath),
    index('residents_name_idx').on(t.name.op('text_pattern_ops')),
    index('residents_employer_idx').on(t.employerId),
    index('residents_tags_idx').using('gin', t.tags),
  ],
);

/**
 * Staging rows of a resident import between validation and commit; personal data already
 * encrypted. `household_ref` is an existing household id (> 0) or, negated, the number of a
 * new household formed by the import (< 0). No primary key: rows only arrive by COPY and
 * leave by job, and every index would slow a million-row upload.
 */
export const residentImportRows = pgTable(
  'resident_import_rows',
  {
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    rowNo: integer('row_no').notNull(),
    dwellingId: bigint('dwelling_id', { mode: 'number' }).notNull(),
    placePath: pathText('place_path').notNull(),
    householdRef: bigint('household_ref', { mode: 'number' }).notNull(),
    name: text('name').notNull(),
    idType: text('id_type').notNull(),
    idNumberEnc: bytea('id_number_enc'),
    idNumberBi: bytea('id_number_bi'),
    phoneEnc: bytea('phone_enc'),
    phoneBi: bytea('phone_bi'),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: text('sex'),
    relation: text('relation').notNull(),
    employerId: bigint('employer_id', { mode: 'number' }),
    tags: text('tags').array().notNull(),
    note: text('note'),
  },
  (t) => [index('resident_import_rows_job_idx').on(t.jobId)],
);

/**
 * Staging rows of a place-tree import between validation and commit: one row per place the
 * file adds (places it names that exist already are reused and not staged). `ref` numbers the
 * new places of the job from 1; a new place's parent is an existing place (`parent_id`) or
 * another new one (`parent_ref`), or neither for a new centre. Like the resident staging
 * table, no primary key: rows arrive by COPY and leave by job.
 */
export const placeImportRows = pgTable(
  'place_import_rows',
  {
    jobId: bigint('job_id', { mode: 'number' }).notNull(),
    ref: integer('ref').notNull(),
    rowNo: integer('row_no').notNull(),
    parentId: bigint('parent_id', { mode: 'number' }),
    parentRef: integer('parent_ref'),
    type: text('type').notNull(),
    name: text('name').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('place_import_rows_job_idx').on(t.jobId, t.depth)],
);

import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, pathText, updatedAt } from '../db/columns.js';

/** The one place tree: centre → department → community → station → compound → building → stairwell → dwelling. */
export const places = pgTable(
  'places',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    parentId: bigint('parent_id', { mode: 'number' }),
    type: text('type').notNull(),
    name: text('name').notNull(),
    code: text('code'),
    /** Ancestor ids and own id, dot-terminated: `1.5.23.`; descendants match `LIKE '1.5.%'`. */
    path: pathText('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    attrs: jsonb('attrs').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('places_path_key').on(t.path),
    index('places_parent_idx').on(t.parentId, t.sortOrder),
    uniqueIndex('places_parent_name_key').on(sql`coalesce(${t.parentId}, 0)`, t.name),
    index('places_type_idx').on(t.type),
  ],
);

/** Oilfield employer units (二级单位); their liaisons are users scoped to the employer. */
export const employers = pgTable(
  'employers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    name: text('name').notNull(),
    code: text('code'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('employers_name_key').on(t.name), uniqueIndex('employers_code_key').on(t.code)],
);

import { z } from 'zod';
import { defineAccess } from './roles.js';
import { text } from './text.js';
import { Id, LocalDate, PageQuery, Timestamp, pageOf } from './common.js';

/** The place tree from the coordination centre down to one flat. */
export const PLACE_TYPES = ['center', 'department', 'community', 'station', 'compound', 'building', 'stairwell', 'dwelling'] as const;
export const PlaceType = z.enum(PLACE_TYPES);
export type PlaceType = z.infer<typeof PlaceType>;
/** The types a place's label names, from the community down ("新村社区 东苑 3号楼"); a place above them is named alone. */
export const LABEL_PLACE_TYPES: readonly PlaceType[] = ['community', 'compound', 'building', 'stairwell', 'dwelling'];

/** Which child types each place type may hold (a station may sit between community and compound). */
export const PLACE_CHILDREN: Record<PlaceType, readonly PlaceType[]> = {
  center: ['department'],
  department: ['community'],
  community: ['station', 'compound'],
  station: ['compound'],
  compound: ['building'],
  building: ['stairwell'],
  stairwell: ['dwelling'],
  dwelling: [],
};

export const Place = z
  .object({
    id: z.number(),
    parentId: z.number().nullable(),
    type: PlaceType,
    name: z.string(),
    code: z.string().nullable(),
    path: z.string(),
    depth: z.number(),
    sortOrder: z.number(),
    attrs: z.record(z.string(), z.unknown()),
    label: z.string().describe('Full name from the community down, e.g. 荟萃社区 建工小区 3号楼 2单元 301'),
    childCount: z.number(),
    version: z.number(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Place' });
export type Place = z.infer<typeof Place>;

export const PlaceWithCounts = Place.extend({
  households: z.number(),
  residents: z.number(),
}).meta({ id: 'PlaceWithCounts' });
export type PlaceWithCounts = z.infer<typeof PlaceWithCounts>;

const PlaceName = text(60);

export const PlaceCreate = z.object({
  parentId: Id.nullable(),
  type: PlaceType,
  name: PlaceName,
  code: text(40, { min: 0 }).nullish(),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  attrs: z.record(z.string(), z.unknown()).optional(),
});
export type PlaceCreate = z.infer<typeof PlaceCreate>;

/**
 * A whole branch of the tree in one go (the first-run setup: a centre, its departments and their
 * communities; or an imported workbook): each place names its parent by its position in the list
 * (-1 for the existing `parentId`, or the top when that is null). All are made, or none.
 */
export const PlaceBranch = z.object({
  parentId: Id.nullable(),
  places: z
    .array(z.object({ parent: z.number().int().min(-1), type: PlaceType, name: PlaceName }))
    .min(1)
    .max(2000),
});
export type PlaceBranch = z.infer<typeof PlaceBranch>;
export const PlaceBranchCreated = z.object({ created: z.number(), ids: z.array(z.number()) });
export type PlaceBranchCreated = z.infer<typeof PlaceBranchCreated>;

export const PlaceUpdate = z.object({
  name: PlaceName.optional(),
  code: text(40, { min: 0 }).nullish(),
  sortOrder: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  attrs: z.record(z.string(), z.unknown()).optional(),
  version: z.number().int(),
});
export type PlaceUpdate = z.infer<typeof PlaceUpdate>;

/** Lays out a whole building at once: stairwells × floors × flats per floor. */
export const BuildingLayout = z.object({
  stairwells: z.number().int().min(1).max(20),
  floors: z.number().int().min(1).max(60),
  flatsPerFloor: z.number().int().min(1).max(12),
  stairwellSuffix: text(6, { min: 0 }).default('单元'),
});
export type BuildingLayout = z.infer<typeof BuildingLayout>;

export const PlaceChildrenQuery = z.object({
  parentId: Id.optional(),
  counts: z.stringbool().default(false),
});

export const PlaceSearchQuery = z.object({
  q: text(60),
  type: PlaceType.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const Grid = z
  .object({
    id: z.number(),
    communityId: z.number(),
    communityName: z.string(),
    name: z.string(),
    gridWorkerUserId: z.number().nullable(),
    gridWorkerName: z.string().nullable(),
    buildings: z.array(
      z.object({
        id: z.number(),
        label: z.string(),
        buildingHeadResidentId: z.number().nullable(),
        buildingHeadName: z.string().nullable(),
      }),
    ),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Grid' });
export type Grid = z.infer<typeof Grid>;

export const GridSave = z.object({
  communityId: Id,
  name: text(60),
  gridWorkerUserId: Id.nullable(),
  buildingIds: z.array(Id).max(500),
});
export type GridSave = z.infer<typeof GridSave>;

export const BuildingHeadSave = z.object({ residentId: Id.nullable() });

export const Employer = z
  .object({
    id: z.number(),
    name: z.string(),
    code: z.string().nullable(),
    employees: z.number(),
    liaisons: z.array(z.object({ userId: z.number(), displayName: z.string(), username: z.string() })),
    actions: z.array(z.string()),
  })
  .meta({ id: 'Employer' });
export type Employer = z.infer<typeof Employer>;

export const EmployerSave = z.object({
  name: text(80),
  code: text(40, { min: 0 }).nullish(),
});

/** Tags a resident may carry; care categories follow the care module's list. */
export const RESIDENT_TAGS = [
  'party_member',
  'volunteer',
  'care_lone_elderly',
  'care_bereaved',
  'care_low_income',
  'care_illness',
  'care_disability',
  'care_left_behind_child',
] as const;
export const ResidentTag = z.enum(RESIDENT_TAGS);
export type ResidentTag = z.infer<typeof ResidentTag>;

export const ID_TYPES = ['resident_id', 'passport', 'hkmo_permit', 'taiwan_permit', 'other'] as const;
export const IdType = z.enum(ID_TYPES);
export type IdType = z.infer<typeof IdType>;

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'other'] as const;
export const Relation = z.enum(RELATIONS);
export type Relation = z.infer<typeof Relation>;

export const Sex = z.enum(['male', 'female']);

export const ResidentSummary = z
  .object({
    id: z.number(),
    householdId: z.number(),
    dwellingId: z.number(),
    dwellingLabel: z.string(),
    name: z.string(),
    idType: IdType,
    idNumberMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
    birthDate: LocalDate.nullable().describe(
      'Only to those who may reveal this resident’s numbers (with the last four digits, it would narrow the ID number to a few candidates); others get the age',
    ),
    age: z.number().int().nullable(),
    sex: Sex.nullable(),
    relation: Relation,
    employerId: z.number().nullable(),
    employerName: z.string().nullable(),
    tags: z.array(ResidentTag),
    actions: z.array(z.string()),
  })
  .meta({ id: 'ResidentSummary' });
export type ResidentSummary = z.infer<typeof ResidentSummary>;

export const RevealRecord = z.object({
  at: Timestamp,
  actorName: z.string(),
  field: z.enum(['idNumber', 'phone']),
  reason: z.string(),
});

export const ResidentDetail = ResidentSummary.extend({
  note: z.string().nullable(),
  version: z.number(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  household: z.object({
    id: z.number(),
    members: z.array(z.object({ id: z.number(), name: z.string(), relation: Relation })),
  }),
  reveals: z.array(RevealRecord),
}).meta({ id: 'ResidentDetail' });
export type ResidentDetail = z.infer<typeof ResidentDetail>;

const Name = text(40);
const OptionalText = text(200, { min: 0, multiline: true }).nullish();

export const ResidentCreate = z.object({
  householdId: Id.optional().describe('Join an existing household; otherwise give dwellingId to start a new one'),
  dwellingId: Id.optional(),
  name: Name,
  idType: IdType.default('resident_id'),
  idNumber: text(40, { min: 0 }).nullish(),
  phone: text(20, { min: 0 }).nullish(),
  relation: Relation.default('head'),
  employerId: Id.nullish(),
  tags: z.array(ResidentTag).max(RESIDENT_TAGS.length).default([]),
  note: OptionalText,
});
export type ResidentCreate = z.infer<typeof ResidentCreate>;

export const ResidentUpdate = z.object({
  name: Name.optional(),
  idType: IdType.optional(),
  idNumber: text(40, { min: 0 }).nullish(),
  phone: text(20, { min: 0 }).nullish(),
  relation: Relation.optional(),
  employerId: Id.nullish(),
  tags: z.array(ResidentTag).max(RESIDENT_TAGS.length).optional(),
  note: OptionalText,
  version: z.number().int(),
});
export type ResidentUpdate = z.infer<typeof ResidentUpdate>;

export const ResidentQuery = PageQuery.extend({
  placeId: Id.optional(),
  q: text(60, { min: 0 }).optional().describe('A name (prefix), a full ID number or a full phone number'),
  tag: ResidentTag.optional(),
  employerId: Id.optional(),
  sex: Sex.optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
});
export type ResidentQuery = z.infer<typeof ResidentQuery>;

export const RevealBody = z.object({
  field: z.enum(['idNumber', 'phone']),
  reason: text(200, { min: 2, multiline: true }),
});
export const RevealResult = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });

export const HouseholdSummary = z
  .object({
    id: z.number(),
    dwellingId: z.number(),
    dwellingLabel: z.string(),
    headName: z.string().nullable(),
    members: z.number(),
    note: z.string().nullable(),
    actions: z.array(z.string()),
  })
  .meta({ id: 'HouseholdSummary' });
export type HouseholdSummary = z.infer<typeof HouseholdSummary>;

export const HouseholdQuery = PageQuery.extend({
  placeId: Id.optional(),
  q: text(60, { min: 0 }).optional(),
});

export const HouseholdCreate = z.object({ dwellingId: Id, note: OptionalText });

export const ResidentListPage = pageOf(ResidentSummary);
export const HouseholdListPage = pageOf(HouseholdSummary);

export const PlaceDetail = PlaceWithCounts.extend({
  ancestors: z.array(z.object({ id: z.number(), name: z.string(), type: PlaceType })),
  /** For a building: its 楼长 (a resident) and the grid it belongs to. */
  buildingHead: z.object({ residentId: z.number(), name: z.string() }).nullable(),
  grid: z.object({ id: z.number(), name: z.string(), gridWorkerName: z.string().nullable() }).nullable(),
}).meta({ id: 'PlaceDetail' });
export type PlaceDetail = z.infer<typeof PlaceDetail>;

export const PlaceSearchResult = z.object({
  items: z.array(z.object({ id: z.number(), type: PlaceType, name: z.string(), label: z.string() })),
});

/** What a resident signed in with a phone code sees of their own household. */
export const MyHousehold = z
  .object({
    householdId: z.number(),
    dwellingLabel: z.string(),
    members: z.array(z.object({ id: z.number(), name: z.string(), relation: Relation, isMe: z.boolean() })),
  })
  .meta({ id: 'MyHousehold' });
export type MyHousehold = z.infer<typeof MyHousehold>;

const READ_REGISTRY = ['place.read', 'employer.read', 'household.read', 'resident.read'] as const;
const MANAGE_REGISTRY = [...READ_REGISTRY, 'place.manage', 'household.manage', 'resident.manage', 'resident.import', 'resident.export'] as const;
/** The registry: who reads and keeps places, employers, households and residents, and who may reveal an identifier. */
export const registryAccess = defineAccess(
  'registry',
  [
    'place.read',
    'place.manage',
    'employer.read',
    'employer.manage',
    'household.read',
    'household.manage',
    'resident.read',
    'resident.manage',
    'resident.reveal',
    'resident.import',
    'resident.export',
  ],
  {
    center_coordinator: [...MANAGE_REGISTRY, 'employer.manage', 'resident.reveal'],
    department_coordinator: [...MANAGE_REGISTRY, 'employer.manage', 'resident.reveal'],
    community_staff: [...MANAGE_REGISTRY, 'resident.reveal'],
    station_staff: [...READ_REGISTRY, 'household.manage', 'resident.manage', 'resident.reveal', 'resident.export'],
    employer_liaison: ['employer.read', 'resident.read'],
    property_staff: ['place.read'],
    health_worker: [...READ_REGISTRY, 'resident.reveal'],
    auditor: READ_REGISTRY,
    // Admins run the system but do not see personal data in clear: revealing an ID or phone number
    // is for the staff who serve that resident.
    admin: [...MANAGE_REGISTRY, 'employer.manage'],
  },
  {
    auditActions: [
      'registry.place.create',
      'registry.place.update',
      'registry.place.delete',
      'registry.place.applyLayout',
      'registry.place.import',
      'registry.building.setHead',
      'registry.grid.create',
      'registry.grid.update',
      'registry.grid.delete',
      'registry.employer.create',
      'registry.employer.update',
      'registry.employer.delete',
      'registry.household.create',
      'registry.household.delete',
      'registry.household.export',
      'registry.resident.create',
      'registry.resident.update',
      'registry.resident.delete',
      'registry.resident.reveal',
      'registry.resident.export',
      'registry.resident.import',
    ],
    auditEntityTypes: ['place', 'grid', 'employer', 'household', 'resident'],
  },
);

/** The registry module's public face: its manifest, and what other modules may call. */
import { defineModule } from '../../platform/modules/define-module.js';
import { householdsUnder } from './households.occupancy.js';
import { householdOfResident, residentsWithPhoneIndex } from './reads.repository.js';
import { placeImporter } from './place-import.js';
import { placeRoutes } from './places.routes.js';
import { residentImporter } from './resident-import.js';
import { residentRoutes } from './residents.routes.js';

export { placeRoutes, residentRoutes, residentImporter, placeImporter, householdsUnder };
export { loadPlace } from './places.service.js';
export { IMPORT_COLUMNS, type ImportColumnKey } from './resident-import.columns.js';
export { PLACE_IMPORT_COLUMNS } from './place-import.columns.js';
export { residentFilter } from './residents.service.js';
export { registerArrival, type ArrivingPerson } from './resident-arrival.js';
export { occupancyCount, type HouseholdOccupancy } from './households.occupancy.js';
export {
  buildingHeadsOf,
  buildingsOfGrids,
  firstResidentPerHousehold,
  gridBuildingsSql,
  gridNames,
  gridWithCommunity,
  householdMembers,
  householdOfResident,
  householdPaths,
  householdsWhere,
  householdsWhereSql,
  membersOfHouseholds,
  residentByIdIndexAnywhere,
  residentIdentities,
  residentIdsNamedLike,
  residentInScope,
  residentPhones,
  residentPhoneIndex,
  residentRecord,
  type PathCondition,
} from './reads.repository.js';
export { residentByIdNumberIndex, residentContact, residentNames, residentPlaces, residentsByPhoneIndex, type ResidentContact } from './resident-lookup.js';

/** The registry: places, employers, households and residents. */
export const registryModule = defineModule({
  name: 'registry',
  routes: [placeRoutes, residentRoutes],
  importers: [residentImporter, placeImporter],
  // Recurring duties owed to each household under a place (daily supplies to sealed households); the
  // to-do shows the flat's address, and volunteers need no page of ours to open.
  residentLink: { householdOf: householdOfResident, byPhoneIndex: residentsWithPhoneIndex },
  obligationTargets: {
    household: async (ex, rootPath) =>
      (await householdsUnder(ex, rootPath)).map((h) => ({
        subjectType: 'household',
        subjectId: h.householdId,
        placeId: h.dwellingId,
        placePath: h.placePath,
        link: null,
      })),
  },
});

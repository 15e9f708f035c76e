/** The registry module's public face: routes for the app, and what other modules may call. */
export { placeRoutes } from './places.routes.js';
export { residentRoutes } from './residents.routes.js';
export { loadPlace } from './places.service.js';
export { residentFilter } from './residents.service.js';
export { residentImporter } from './resident-import.js';
export { placeImporter } from './place-import.js';
export { registerArrival, type ArrivingPerson } from './resident-arrival.js';
export { householdsUnder, occupancyCount, type HouseholdOccupancy } from './households.occupancy.js';
export { residentByIdNumberIndex, residentContact, residentNames, residentPlaces, residentsByPhoneIndex, type ResidentContact } from './resident-lookup.js';

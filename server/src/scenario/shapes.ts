/** The seeds' figures as scenario shapes (see ../shared/scenarios.md). */
export interface ScenarioShape {
  name: string;
  center: string;
  departments: string[];
  communities: number;
  /** Put a service station under each community and the compounds under it. */
  stations: boolean;
  compoundsPerCommunity: [mean: number, spread: number];
  buildingsPerCompound: [number, number];
  stairwellsPerBuilding: [number, number];
  floors: [number, number];
  flatsPerFloor: number;
  /** Share of flats with a household. */
  occupancy: number;
  employers: number;
  staffPerCommunity: number;
  buildingsPerGrid: number;
  /** Region codes (first 6 digits of ID numbers) of people born locally. */
  regionCodes: string[];
}

export const SHAPES: Record<string, ScenarioShape> = {
  // 000: the Wenhui resident-affairs department: 12 committees, ~30,000 households, 66 employer units, ~200 staff.
  wenhui: {
    name: 'wenhui',
    center: '西城社会化服务协调中心',
    departments: ['文汇居民事务协调部'],
    communities: 12,
    stations: true,
    compoundsPerCommunity: [3.3, 1],
    buildingsPerCompound: [23.5, 6],
    stairwellsPerBuilding: [3.3, 1],
    floors: [5, 1],
    flatsPerFloor: 2,
    occupancy: 0.97,
    employers: 66,
    staffPerCommunity: 16,
    buildingsPerGrid: 15,
    regionCodes: ['370502', '370503', '370521', '370522', '370523'],
  },
  // 002: Changqing oilfield living district: 17 bases, 30 residential areas, 200,000 residents.
  changqing: {
    name: 'changqing',
    center: '长庆油田矿区服务事业部',
    departments: Array.from({ length: 17 }, (_, i) => `第${i + 1}生活基地`),
    communities: 30,
    stations: false,
    compoundsPerCommunity: [3, 1],
    buildingsPerCompound: [25, 8],
    stairwellsPerBuilding: [3, 1],
    floors: [6, 1],
    flatsPerFloor: 2,
    occupancy: 0.93,
    employers: 40,
    staffPerCommunity: 12,
    buildingsPerGrid: 20,
    regionCodes: ['610113', '610104', '640104', '640105', '620102'],
  },
  // 004: Qitaihe city, ~690,000 people.
  qitaihe: {
    name: 'qitaihe',
    center: '七台河市城市社区服务中心',
    departments: ['桃山区', '新兴区', '茄子河区', '勃利县'],
    communities: 60,
    stations: false,
    compoundsPerCommunity: [5, 2],
    buildingsPerCompound: [25, 8],
    stairwellsPerBuilding: [3, 1],
    floors: [6, 1],
    flatsPerFloor: 2,
    occupancy: 0.98,
    employers: 30,
    staffPerCommunity: 10,
    buildingsPerGrid: 20,
    regionCodes: ['230902', '230903', '230904', '230921'],
  },
  // The benchmark scale: 1,000,000 residents, ~400,000 households, ~20,000 buildings, ~500 compounds, ~200 communities.
  'city-1m': {
    name: 'city-1m',
    center: '城市社区服务协调中心',
    departments: Array.from({ length: 10 }, (_, i) => `第${i + 1}街道`),
    communities: 200,
    stations: false,
    compoundsPerCommunity: [2.5, 1],
    buildingsPerCompound: [40, 10],
    stairwellsPerBuilding: [2, 1],
    floors: [6, 2],
    flatsPerFloor: 2,
    occupancy: 0.84,
    employers: 100,
    staffPerCommunity: 4,
    buildingsPerGrid: 25,
    regionCodes: ['370102', '370103', '370104', '370105', '370112', '370113'],
  },
};

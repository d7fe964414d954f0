/**
 * The places and organisations of a district, as the platform knows them.
 * Coordinates are GCJ-02 `{ lng, lat }` objects (what WeChat's map and location APIs give the app,
 * stored as sent), never nested arrays: FerretDB rejects arrays of
 * arrays, and the same shape then serves storage, routing and the map alike.
 */

export interface LngLat {
  lng: number;
  lat: number;
}

/** A closed ring without the repeated first point; at least three vertices. */
export type Ring = LngLat[];

export const streetKinds = ['street', 'town', 'large_community', 'station_area'] as const;
export type StreetKind = (typeof streetKinds)[number];

/** A street, town, large community or the rail-station area: the middle tier (街镇). */
export interface Street {
  code: string;
  name: string;
  kind: StreetKind;
}

/** The 1+2+N team of a grid: one leader, two members, N self-governance volunteers. */
export interface GridTeam {
  leader: Person;
  members: [Person, Person];
  volunteers: Person[];
}

export interface Person {
  name: string;
  /** Full number; masked in every public view. */
  phone: string;
}

/** A base grid (基础网格). Grids follow compounds and roads; the boundary encloses its compounds. */
export interface Grid {
  code: string;
  name: string;
  streetCode: string;
  boundary: Ring;
  team: GridTeam;
}

export const compoundKinds = ['commodity', 'resettlement', 'fund_raised'] as const;
export type CompoundKind = (typeof compoundKinds)[number];

export const compoundKindLabels: Record<CompoundKind, string> = {
  commodity: '商品房',
  resettlement: '回迁房',
  fund_raised: '集资房',
};

export interface Building {
  code: string;
  name: string;
}

/** A residential compound (小区). */
export interface Compound {
  code: string;
  name: string;
  kind: CompoundKind;
  gridCode: string;
  streetCode: string;
  /** Main gate: where a case filed "in the compound" without a pin is placed. */
  location: LngLat;
  boundary: Ring;
  buildings: Building[];
  /** The property company serving it, if any (fund-raised housing often has none). */
  propertyUnitCode?: string;
}

/**
 * Kinds of unit that own a stage of a case. The street-level joint enforcement "4+X":
 * urban_management, market_supervision, police_station, traffic_police are the 4; the rest are X.
 */
export const unitTypes = [
  'district_center',
  'street_center',
  'grid_station',
  'community',
  'property_company',
  'urban_management',
  'market_supervision',
  'police_station',
  'traffic_police',
  'work_safety',
  'environment',
  'health',
  'human_resources',
  'housing_construction',
  'agriculture_water',
  'sanitation',
  'greening',
  'municipal_works',
  'utilities',
  'civil_affairs',
  'education',
  'fire_rescue',
  'disabled_persons_federation',
  'veterans_affairs',
  'justice',
] as const;

export type UnitType = (typeof unitTypes)[number];

export const unitTypeLabels: Record<UnitType, string> = {
  district_center: '区网格化服务管理中心',
  street_center: '街镇网格化服务中心',
  grid_station: '居村工作站',
  community: '社区居委会',
  property_company: '物业服务企业',
  urban_management: '城管',
  market_supervision: '市场监管',
  police_station: '派出所',
  traffic_police: '交警',
  work_safety: '安监',
  environment: '生态环境',
  health: '卫生健康',
  human_resources: '人社',
  housing_construction: '住建',
  agriculture_water: '农林水',
  sanitation: '环卫',
  greening: '园林绿化',
  municipal_works: '市政设施',
  utilities: '水电气公用事业',
  civil_affairs: '民政',
  education: '教育',
  fire_rescue: '消防救援',
  disabled_persons_federation: '残联',
  veterans_affairs: '退役军人事务',
  justice: '司法所',
};

/**
 * Where a unit works. A district-level unit has no street; a street-level one serves one street;
 * a property company serves the compounds that name it.
 */
export interface Unit {
  code: string;
  name: string;
  type: UnitType;
  streetCode?: string;
  /** Contact for dispatch; masked in public views. */
  phone: string;
}

/**
 * A realistic, made-up Baohe District for demos and tests: 13 streets/towns/large communities plus
 * the high-speed-rail south station area, 168 base grids with their 1+2+N teams, 522 compounds of
 * the three housing kinds, the units that cases are dispatched to, and one demo account per role.
 *
 * Pure and deterministic: no I/O, no clock, no Math.random. The same call always yields the same
 * district, so seeded databases, screenshots and tests agree. Database seeding consumes the result.
 */
import type {
  Building,
  Compound,
  CompoundKind,
  Grid,
  GridTeam,
  LngLat,
  Person,
  Ring,
  Street,
  StreetKind,
  Unit,
  UnitType,
} from '../../shared/domain/places';
import type { Role, Scope } from '../../shared/domain/roles';
import type { CommunityCompounds } from '../../shared/routing/responsibleUnit';

/** A demo sign-in. Dev only: every account shares {@link DEMO_PASSWORD}. */
export interface SeedAccount {
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  password: string;
}

export interface SeedDistrict {
  district: { code: '340111'; name: '包河区' };
  streets: Street[];
  grids: Grid[];
  compounds: Compound[];
  units: Unit[];
  /** Which compounds each residents' committee serves: places.ts gives compounds no committee field. */
  communities: CommunityCompounds[];
  accounts: SeedAccount[];
}

export const DEMO_PASSWORD = 'baohe2026';

export const GRID_COUNT = 168;
export const COMPOUND_COUNT = 522;

// ---------------------------------------------------------------------------------------------
// The plan: what is fixed by hand. Everything else is drawn from seeded random streams.
// ---------------------------------------------------------------------------------------------

interface StreetPlan {
  name: string;
  /** The name without 街道/镇/社区/片区, as local offices are named (包公派出所). */
  short: string;
  kind: StreetKind;
  /** Residents in 10,000s: sizes the share of grids, as grids are sized by population. */
  population: number;
  /** Compounds per resident relative to the city core: villages and the station area have fewer. */
  compoundDensity: number;
  /** Shares of resettlement and fund-raised housing; the rest is commodity housing. */
  resettlement: number;
  fundRaised: number;
  /** Old village and area names, which resettlement estates are named after. */
  localNames: string[];
  /** Cell of the coarse layout: row 0 is the north (old city), row 3 the Chaohu shore. */
  row: number;
  col: number;
}

// In code order (ST01…ST14); the station area comes last, as it is an add-on to the 13.
const STREET_PLANS: StreetPlan[] = [
  { name: '包公街道', short: '包公', kind: 'street', population: 8, compoundDensity: 1, resettlement: 0.1, fundRaised: 0.25, localNames: ['南门', '望江', '凤凰', '包河苑'], row: 0, col: 1 },
  { name: '芜湖路街道', short: '芜湖路', kind: 'street', population: 9, compoundDensity: 1, resettlement: 0.08, fundRaised: 0.25, localNames: ['稻香', '杏花', '安庆路', '曙光'], row: 0, col: 0 },
  { name: '望湖街道', short: '望湖', kind: 'street', population: 13, compoundDensity: 1, resettlement: 0.3, fundRaised: 0.05, localNames: ['望湖', '塘西', '方庙', '徽州'], row: 1, col: 0 },
  { name: '常青街道', short: '常青', kind: 'street', population: 9, compoundDensity: 1, resettlement: 0.25, fundRaised: 0.12, localNames: ['常青', '大郢', '东油', '湖滨'], row: 0, col: 3 },
  { name: '骆岗街道', short: '骆岗', kind: 'street', population: 10, compoundDensity: 0.9, resettlement: 0.45, fundRaised: 0.05, localNames: ['骆岗', '大联', '小联', '宁西'], row: 2, col: 1 },
  { name: '同安街道', short: '同安', kind: 'street', population: 11, compoundDensity: 1, resettlement: 0.15, fundRaised: 0.15, localNames: ['同安', '南二环', '高亢', '屯溪路'], row: 0, col: 2 },
  { name: '方兴社区', short: '方兴', kind: 'large_community', population: 12, compoundDensity: 1, resettlement: 0.35, fundRaised: 0, localNames: ['方兴', '义兴', '洪宕', '湖畔'], row: 3, col: 0 },
  { name: '滨湖世纪社区', short: '滨湖世纪', kind: 'large_community', population: 14, compoundDensity: 1, resettlement: 0.35, fundRaised: 0, localNames: ['滨湖', '塘西河', '紫云', '徽园'], row: 3, col: 1 },
  { name: '万年埠街道', short: '万年埠', kind: 'street', population: 10, compoundDensity: 0.9, resettlement: 0.4, fundRaised: 0.05, localNames: ['万年埠', '大马', '裕溪', '南淝河'], row: 1, col: 3 },
  { name: '义城街道', short: '义城', kind: 'street', population: 7, compoundDensity: 0.8, resettlement: 0.5, fundRaised: 0.03, localNames: ['义城', '刘圩', '烟墩塘', '中义'], row: 2, col: 0 },
  { name: '烟墩街道', short: '烟墩', kind: 'street', population: 10, compoundDensity: 1, resettlement: 0.3, fundRaised: 0.1, localNames: ['烟墩', '山西路', '花园', '太湖路'], row: 1, col: 2 },
  { name: '大圩镇', short: '大圩', kind: 'town', population: 4, compoundDensity: 0.6, resettlement: 0.7, fundRaised: 0, localNames: ['大圩', '磨滩', '新民', '沙塘', '金葡'], row: 2, col: 2 },
  { name: '淝河镇', short: '淝河', kind: 'town', population: 6, compoundDensity: 0.6, resettlement: 0.65, fundRaised: 0.02, localNames: ['淝河', '王大郢', '双岗', '赵圩', '陈店'], row: 0, col: 4 },
  { name: '高铁南站片区', short: '高铁南站', kind: 'station_area', population: 3, compoundDensity: 0.6, resettlement: 0.2, fundRaised: 0, localNames: ['南站', '周谷堆', '宁国路'], row: 1, col: 1 },
];

// A coarse layout over lng 117.25–117.45, lat 31.70–31.85: narrow old-city cells in the north,
// wide new-district cells along the lake in the south.
const WEST = 117.25;
const EAST = 117.45;
const ROWS = [
  { north: 31.85, south: 31.815, cols: 5 },
  { north: 31.815, south: 31.78, cols: 4 },
  { north: 31.78, south: 31.74, cols: 3 },
  { north: 31.74, south: 31.7, cols: 2 },
];

const SURNAMES = '王张李刘陈杨吴汪许徐胡周孙朱何黄赵程高马郭罗梁宋郑谢韩唐冯于董萧曹袁邓彭曾蒋蔡余潘杜丁魏方葛鲍戴钱姚陶叶柏储'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰文辉建国红志海燕萍鹏宇浩晨婷雪琳欣佳俊峰斌凯丹春梅林波鑫慧颖倩亮飞成东琴云莉荣龙健新翔瑞思雨涵睿博'.split('');

const COMMODITY_PREFIXES = ['徽州', '望湖城', '天鹅湖', '巢湖', '包河', '塘西', '紫云', '云谷', '翡翠', '金域', '中环', '御景', '锦绣', '信达', '湖畔', '春江', '玫瑰', '和煦', '书香', '丽水', '金色', '庐州', '南国', '澜湾', '绿洲', '星河', '滨江', '明珠', '银杏', '紫薇', '桂花', '宁国', '东方', '万象', '湖光', '景福', '嘉和', '恒泰'];
const COMMODITY_SUFFIXES = ['花园', '南苑', '北苑', '家园', '名邸', '华庭', '雅居', '公馆', '府', '新城', '嘉园', '豪庭', '公寓', '湾', '名都', '佳苑', '世家', '雅苑', '一品', '华府', '园'];
const BINHU_RESETTLEMENT = '惠康和润福顺寓欣明乐安瑞祥宁泰嘉兴裕馨逸'.split('');
const RESETTLEMENT_SUFFIXES = ['安置小区', '新村', '家园', '佳苑', '新苑', '和苑', '嘉园', '安居苑', '花园'];
const FUND_EMPLOYERS = ['省电力', '市供电', '省建二', '合钢', '江淮', '粮食局', '电信', '邮电', '水泥厂', '纺织厂', '化工厂', '省农科院', '市一中', '交通局', '税务局', '铁路', '肉联厂', '市政', '卷烟厂', '省建工', '公交', '轻工', '教育局', '医药', '机械厂', '棉纺厂', '自来水', '气象局', '地质队', '师范'];
const FUND_SUFFIXES = ['宿舍', '家属院', '集资楼', '职工公寓', '宿舍区'];
const COMMUNITY_WORDS = ['凤凰', '紫云', '花园', '曙光', '春晖', '同心', '和平', '幸福', '康乐', '明珠', '翠竹', '红星', '长江', '淮河', '朝阳', '徽园', '新城', '安居', '文博', '梧桐', '锦绣', '金桂', '银杏', '青年', '阳光', '滨河', '蓝天', '黄山', '南园', '东方', '华山', '紫荆', '玉兰', '海棠', '兴园', '丽景', '百花', '宜居', '书香', '天鹅', '南塘', '湖畔', '嘉和', '晨光'];
const PM_BRANDS = ['安居', '华宇', '徽园', '和顺', '恒信', '嘉园', '锦华', '金鹰', '新安', '庐阳', '广厦', '康居', '信诚', '长城', '万家', '明德', '众安', '润和', '祥和', '宏达', '德泰', '乐居', '美好', '滨湖', '同创', '天诚', '海容', '裕丰', '诚信', '家和', '宜家', '绿都', '百合', '盛世'];
const SANITATION_COMPANIES = ['合肥洁安环境服务有限公司', '安徽净城环卫工程有限公司', '合肥绿洁保洁服务有限公司'];
const GREENING_COMPANIES = ['合肥绿茵园林工程有限公司', '安徽翠林园林绿化有限公司', '合肥青禾景观工程有限公司'];
const MUNICIPAL_COMPANIES = ['合肥路通市政工程有限公司', '安徽城建市政养护有限公司', '合肥恒通市政设施维护有限公司'];

const DISTRICT_UNITS: { code: string; name: string; type: UnitType }[] = [
  { code: 'U-DC', name: '包河区网格化服务管理中心', type: 'district_center' },
  { code: 'U-URBAN', name: '包河区城市管理局', type: 'urban_management' },
  { code: 'U-MARKET', name: '包河区市场监督管理局', type: 'market_supervision' },
  { code: 'U-WORKSAFETY', name: '包河区应急管理局', type: 'work_safety' },
  { code: 'U-ENV', name: '合肥市包河区生态环境分局', type: 'environment' },
  { code: 'U-HEALTH', name: '包河区卫生健康委员会', type: 'health' },
  { code: 'U-HRSS', name: '包河区人力资源和社会保障局', type: 'human_resources' },
  { code: 'U-HOUSING', name: '包河区住房和城乡建设局', type: 'housing_construction' },
  { code: 'U-AGRI', name: '包河区农林水务局', type: 'agriculture_water' },
  { code: 'U-CIVIL', name: '包河区民政局', type: 'civil_affairs' },
  { code: 'U-EDU', name: '包河区教育体育局', type: 'education' },
  { code: 'U-FIRE', name: '包河区消防救援大队', type: 'fire_rescue' },
  { code: 'U-UTIL-GAS', name: '合肥燃气集团包河分公司', type: 'utilities' },
  { code: 'U-UTIL-POWER', name: '国网合肥供电公司包河供电中心', type: 'utilities' },
  { code: 'U-UTIL-WATER', name: '合肥供水集团包河营业所', type: 'utilities' },
];

const PROPERTY_COMPANY_COUNT = 34;
/** Property companies 1–28 are local to one street each (two per street); the rest work district-wide. */
const LOCAL_PM_PER_STREET = 2;

// ---------------------------------------------------------------------------------------------
// Randomness
// ---------------------------------------------------------------------------------------------

const SEED = 0x340111;

interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One independent stream per concern, so that adding a name to a list does not move every
 * compound on the map, and a new volunteer does not rename the property companies.
 */
function stream(label: string): Rng {
  let h = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  const next = mulberry32(h);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)], chance: (p) => next() < p };
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** ~0.1 m: finer than any boundary drawn here, and keeps stored numbers short. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const METRES_PER_DEGREE_LAT = 111_195;

/** Largest-remainder apportionment of `total` over `weights`, each share at least `min`. */
function apportion(total: number, weights: readonly number[], min: number): number[] {
  const rest = total - min * weights.length;
  if (rest < 0) throw new RangeError(`cannot give ${weights.length} shares at least ${min} out of ${total}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const counts = exact.map(Math.floor);
  const left = rest - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; k < left; k++) counts[order[k].i]++;
  return counts.map((c) => c + min);
}

/** Splits [from, to] into n parts whose inner cuts wander up to ±15% of a part, so cells look drawn. */
function cuts(from: number, to: number, n: number, rng: Rng): number[] {
  const step = (to - from) / n;
  const edges = [from];
  for (let i = 1; i < n; i++) edges.push(from + step * (i + (rng.next() - 0.5) * 0.3));
  edges.push(to);
  return edges.map(round6);
}

const rect = (west: number, south: number, east: number, north: number): Ring => [
  { lng: west, lat: south },
  { lng: east, lat: south },
  { lng: east, lat: north },
  { lng: west, lat: north },
];

function uniqueName(taken: Set<string>, draw: () => string): string {
  for (let attempt = 0; attempt < 30; attempt++) {
    const name = draw();
    if (!taken.has(name)) return remember(taken, name);
  }
  const base = draw();
  for (let phase = 2; ; phase++) {
    const name = `${base}${chineseNumeral(phase)}期`;
    if (!taken.has(name)) return remember(taken, name);
  }
}

function remember(taken: Set<string>, name: string): string {
  taken.add(name);
  return name;
}

function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n];
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
}

class People {
  private readonly phones = new Set<string>();
  constructor(private readonly rng: Rng) {}

  name(): string {
    const given = this.rng.chance(0.7) ? this.rng.pick(GIVEN) + this.rng.pick(GIVEN) : this.rng.pick(GIVEN);
    return this.rng.pick(SURNAMES) + given;
  }

  mobile(): string {
    return this.uniquePhone(() => this.rng.pick(['13', '15', '18']) + digits(this.rng, 9));
  }

  /** Offices answer on Hefei landlines (area code 0551, eight digits starting with 6). */
  landline(): string {
    return this.uniquePhone(() => `0551-6${digits(this.rng, 7)}`);
  }

  person(): Person {
    return { name: this.name(), phone: this.mobile() };
  }

  private uniquePhone(draw: () => string): string {
    let phone = draw();
    while (this.phones.has(phone)) phone = draw();
    this.phones.add(phone);
    return phone;
  }
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

interface Cell {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Generates the demo district. Pure: every call returns an equal, freshly built value. */
export function generateDistrict(): SeedDistrict {
  const people = new People(stream('people'));
  const streets = STREET_PLANS.map((p, i): Street => ({ code: `ST${pad(i + 1)}`, name: p.name, kind: p.kind }));

  const gridCounts = apportion(
    GRID_COUNT,
    STREET_PLANS.map((p) => p.population),
    3,
  );
  const compoundCounts = apportion(
    COMPOUND_COUNT,
    STREET_PLANS.map((p) => p.population * p.compoundDensity),
    0,
  );

  const { grids, gridCells } = layOutGrids(streets, gridCounts, people);
  const units = [...districtUnits(people), ...streets.flatMap((s, i) => streetUnits(s, STREET_PLANS[i], people))];
  const propertyCompanies = makePropertyCompanies(people);
  units.push(...propertyCompanies);

  const compounds = layOutCompounds(streets, grids, gridCells, gridCounts, compoundCounts, propertyCompanies);
  const { communityUnits, communities } = makeCommunities(streets, compounds, people);
  units.push(...communityUnits);

  const accounts = demoAccounts({ streets, grids, compounds, units, communities }, people);
  return { district: { code: '340111', name: '包河区' }, streets, grids, compounds, units, communities, accounts };
}

function streetCell(plan: StreetPlan): Cell {
  const row = ROWS[plan.row];
  const width = (EAST - WEST) / row.cols;
  return {
    west: round6(WEST + width * plan.col),
    east: round6(WEST + width * (plan.col + 1)),
    south: row.south,
    north: row.north,
  };
}

function layOutGrids(streets: Street[], gridCounts: number[], people: People) {
  const rng = stream('grid-geometry');
  const teamRng = stream('grid-teams');
  const grids: Grid[] = [];
  const gridCells: Cell[] = [];
  streets.forEach((street, s) => {
    const cell = streetCell(STREET_PLANS[s]);
    const n = gridCounts[s];
    const cosLat = Math.cos((((cell.north + cell.south) / 2) * Math.PI) / 180);
    const aspect = (cell.north - cell.south) / ((cell.east - cell.west) * cosLat);
    const rows = Math.max(1, Math.min(n, Math.round(Math.sqrt(n * aspect))));
    const latEdges = cuts(cell.north, cell.south, rows, rng);
    let number = 0;
    for (let r = 0; r < rows; r++) {
      const cols = Math.floor(n / rows) + (r < n % rows ? 1 : 0);
      const lngEdges = cuts(cell.west, cell.east, cols, rng);
      for (let c = 0; c < cols; c++) {
        number++;
        const gridCell = { west: lngEdges[c], east: lngEdges[c + 1], north: latEdges[r], south: latEdges[r + 1] };
        gridCells.push(gridCell);
        grids.push({
          code: `${street.code}-G${pad(number)}`,
          name: `${street.name}第${number}网格`,
          streetCode: street.code,
          boundary: rect(gridCell.west, gridCell.south, gridCell.east, gridCell.north),
          team: team(people, teamRng),
        });
      }
    }
  });
  return { grids, gridCells };
}

function team(people: People, rng: Rng): GridTeam {
  const leader = people.person();
  const members: [Person, Person] = [people.person(), people.person()];
  const volunteers: Person[] = [];
  const n = rng.int(3, 6);
  for (let i = 0; i < n; i++) volunteers.push(people.person());
  return { leader, members, volunteers };
}

function districtUnits(people: People): Unit[] {
  return DISTRICT_UNITS.map((u) => ({ ...u, phone: people.landline() }));
}

function streetUnits(street: Street, plan: StreetPlan, people: People): Unit[] {
  const rng = stream(`contractors-${street.code}`);
  const at = (suffix: string) => `U-${street.code}-${suffix}`;
  const office = (code: string, name: string, type: UnitType): Unit => ({
    code: at(code),
    name,
    type,
    streetCode: street.code,
    phone: people.landline(),
  });
  const contractor = (code: string, companies: string[], type: UnitType): Unit => ({
    code: at(code),
    name: `${rng.pick(companies)}（${street.name}项目部）`,
    type,
    streetCode: street.code,
    phone: people.mobile(),
  });
  return [
    office('CENTER', `${street.name}网格化服务中心`, 'street_center'),
    office('URBAN', `${street.name}城管中队`, 'urban_management'),
    office('MARKET', `包河区市场监管局${plan.short}市场监管所`, 'market_supervision'),
    office('POLICE', `包河公安分局${plan.short}派出所`, 'police_station'),
    office('TRAFFIC', `包河交警大队${plan.short}中队`, 'traffic_police'),
    contractor('SANITATION', SANITATION_COMPANIES, 'sanitation'),
    contractor('GREENING', GREENING_COMPANIES, 'greening'),
    contractor('MUNICIPAL', MUNICIPAL_COMPANIES, 'municipal_works'),
  ];
}

function makePropertyCompanies(people: People): Unit[] {
  const rng = stream('property-companies');
  const taken = new Set<string>();
  const units: Unit[] = [];
  for (let i = 1; i <= PROPERTY_COMPANY_COUNT; i++) {
    const name = uniqueName(
      taken,
      () => `${rng.pick(['合肥', '安徽'])}${rng.pick(PM_BRANDS)}${rng.pick(['物业服务有限公司', '物业管理有限公司'])}`,
    );
    units.push({ code: `U-PM-${pad(i, 3)}`, name, type: 'property_company', phone: people.mobile() });
  }
  return units;
}

function layOutCompounds(
  streets: Street[],
  grids: Grid[],
  gridCells: Cell[],
  gridCounts: number[],
  compoundCounts: number[],
  propertyCompanies: Unit[],
): Compound[] {
  const shapeRng = stream('compound-geometry');
  const kindRng = stream('compound-kinds');
  const nameRng = stream('compound-names');
  const pmRng = stream('compound-property');
  const takenNames = new Set<string>();
  const compounds: Compound[] = [];
  const districtWidePms = propertyCompanies.slice(streets.length * LOCAL_PM_PER_STREET);

  let firstGrid = 0;
  streets.forEach((street, s) => {
    const plan = STREET_PLANS[s];
    const streetGrids = grids.slice(firstGrid, firstGrid + gridCounts[s]);
    const cells = gridCells.slice(firstGrid, firstGrid + gridCounts[s]);
    firstGrid += gridCounts[s];
    const perGrid = apportion(
      compoundCounts[s],
      streetGrids.map(() => 0.5 + shapeRng.next()),
      1,
    );
    const localPms = propertyCompanies.slice(s * LOCAL_PM_PER_STREET, (s + 1) * LOCAL_PM_PER_STREET);
    let localTurn = 0;

    streetGrids.forEach((grid, g) => {
      for (const box of compoundBoxes(cells[g], perGrid[g], shapeRng)) {
        const code = `C${pad(compounds.length + 1, 3)}`;
        const roll = kindRng.next();
        const kind: CompoundKind =
          roll < plan.resettlement ? 'resettlement' : roll < plan.resettlement + plan.fundRaised ? 'fund_raised' : 'commodity';
        const sized = shrinkTo(box, kind, shapeRng);
        const hasPm = pmRng.chance(kind === 'commodity' ? 0.95 : kind === 'resettlement' ? 0.85 : 0.3);
        // Local companies take turns, so that even the smallest street keeps both of them in work.
        const pm = !hasPm
          ? undefined
          : pmRng.chance(0.65)
            ? localPms[localTurn++ % localPms.length]
            : pmRng.pick(districtWidePms);
        compounds.push({
          code,
          name: uniqueName(takenNames, () => compoundName(kind, plan, nameRng)),
          kind,
          gridCode: grid.code,
          streetCode: street.code,
          location: gate(sized, shapeRng),
          boundary: rect(sized.west, sized.south, sized.east, sized.north),
          buildings: buildings(code, kind, shapeRng),
          ...(pm ? { propertyUnitCode: pm.code } : {}),
        });
      }
    });
  });
  return compounds;
}

/** Slots for `k` compounds in a grid cell, as a rough block layout between roads. */
function compoundBoxes(cell: Cell, k: number, rng: Rng): Cell[] {
  const cosLat = Math.cos((((cell.north + cell.south) / 2) * Math.PI) / 180);
  const aspect = ((cell.east - cell.west) * cosLat) / (cell.north - cell.south);
  const cols = Math.max(1, Math.min(k, Math.round(Math.sqrt(k * aspect))));
  const rows = Math.ceil(k / cols);
  const slots: number[] = [];
  for (let i = 0; i < rows * cols; i++) slots.push(i);
  // Drop random slots rather than the last ones, so that empty blocks (shops, schools, parks)
  // are spread over the grid.
  while (slots.length > k) slots.splice(rng.int(0, slots.length - 1), 1);
  const w = (cell.east - cell.west) / cols;
  const h = (cell.north - cell.south) / rows;
  return slots.map((i) => {
    const r = Math.floor(i / cols);
    const c = i % cols;
    return { west: cell.west + c * w, east: cell.west + (c + 1) * w, north: cell.north - r * h, south: cell.north - (r + 1) * h };
  });
}

/** A compound of a plausible size for its kind, placed inside its slot with a road margin. */
function shrinkTo(slot: Cell, kind: CompoundKind, rng: Rng): Cell {
  const [minM, maxM] = kind === 'fund_raised' ? [80, 180] : kind === 'resettlement' ? [250, 500] : [180, 450];
  const cosLat = Math.cos((((slot.north + slot.south) / 2) * Math.PI) / 180);
  const slotW = slot.east - slot.west;
  const slotH = slot.north - slot.south;
  const w = Math.min(rng.int(minM, maxM) / (METRES_PER_DEGREE_LAT * cosLat), slotW * 0.8);
  const h = Math.min(rng.int(minM, maxM) / METRES_PER_DEGREE_LAT, slotH * 0.8);
  const west = slot.west + slotW * 0.1 + rng.next() * (slotW * 0.8 - w);
  const south = slot.south + slotH * 0.1 + rng.next() * (slotH * 0.8 - h);
  return { west: round6(west), south: round6(south), east: round6(west + w), north: round6(south + h) };
}

/** The main gate, just inside the south fence: most Hefei compounds face south. */
function gate(box: Cell, rng: Rng): LngLat {
  const w = box.east - box.west;
  return {
    lng: round6(box.west + w * (0.3 + rng.next() * 0.4)),
    lat: round6(box.south + (box.north - box.south) * 0.08),
  };
}

function buildings(compoundCode: string, kind: CompoundKind, rng: Rng): Building[] {
  const [min, max] = kind === 'fund_raised' ? [4, 10] : kind === 'resettlement' ? [10, 30] : [6, 30];
  const n = rng.int(min, max);
  const list: Building[] = [];
  for (let i = 1; i <= n; i++) list.push({ code: `${compoundCode}-B${pad(i)}`, name: `${i}栋` });
  return list;
}

function compoundName(kind: CompoundKind, plan: StreetPlan, rng: Rng): string {
  if (kind === 'commodity') return rng.pick(COMMODITY_PREFIXES) + rng.pick(COMMODITY_SUFFIXES);
  if (kind === 'fund_raised') return rng.pick(FUND_EMPLOYERS) + rng.pick(FUND_SUFFIXES);
  // The lakeside resettlement estates follow the 滨湖X园 pattern (滨湖惠园, 滨湖康园…).
  if ((plan.kind === 'large_community' || plan.short === '骆岗') && rng.chance(0.5)) {
    return `滨湖${rng.pick(BINHU_RESETTLEMENT)}园`;
  }
  return rng.pick(plan.localNames) + rng.pick(RESETTLEMENT_SUFFIXES);
}

/**
 * One residents' committee per 4–6 neighbouring compounds of a street (a small remainder is
 * split so that none serves fewer than three).
 */
function makeCommunities(streets: Street[], compounds: Compound[], people: People) {
  const rng = stream('communities');
  const communityUnits: Unit[] = [];
  const communities: CommunityCompounds[] = [];
  for (const street of streets) {
    const own = compounds.filter((c) => c.streetCode === street.code);
    const taken = new Set<string>();
    let n = 0;
    for (let start = 0; start < own.length; ) {
      const remaining = own.length - start;
      const size = remaining <= 6 ? remaining : remaining < 10 ? Math.ceil(remaining / 2) : rng.int(4, 6);
      const unitCode = `U-${street.code}-CM${pad(++n)}`;
      const word = uniqueName(taken, () => rng.pick(COMMUNITY_WORDS));
      communityUnits.push({
        code: unitCode,
        name: `${street.name}${word}社区居委会`,
        type: 'community',
        streetCode: street.code,
        phone: people.landline(),
      });
      communities.push({ unitCode, compoundCodes: own.slice(start, start + size).map((c) => c.code) });
      start += size;
    }
  }
  return { communityUnits, communities };
}

function demoAccounts(
  seed: Pick<SeedDistrict, 'streets' | 'grids' | 'compounds' | 'units' | 'communities'>,
  people: People,
): SeedAccount[] {
  const { streets, grids, compounds, units, communities } = seed;
  const unit = (code: string) => mustFind(units, (u) => u.code === code, code);
  const account = (username: string, displayName: string, role: Role, scope: Scope): SeedAccount => ({
    username,
    displayName,
    role,
    scope,
    password: DEMO_PASSWORD,
  });

  const [street01, street02] = streets;
  const grid0101 = grids[0];
  // One coherent demo story: resident01 lives in a compound of street 01 with a property company;
  // pm01 is that company and community01 the committee of that compound.
  const home = mustFind(compounds, (c) => c.streetCode === street01.code && !!c.propertyUnitCode, 'home compound');
  const community01 = mustFind(communities, (c) => c.compoundCodes.includes(home.code), 'community of home');
  const communityUnit = unit(community01.unitCode);
  const pm01 = unit(home.propertyUnitCode ?? '');
  const lakeside = mustFind(compounds, (c) => c.streetCode === 'ST08' && c.kind === 'resettlement', 'lakeside');
  const oldDorm = mustFind(compounds, (c) => c.kind === 'fund_raised' && !c.propertyUnitCode, 'old dormitory');

  const department = (username: string, suffix: string) => {
    const u = unit(`U-${street01.code}-${suffix}`);
    return account(username, u.name, 'department', { unitCode: u.code });
  };

  return [
    account('admin', '系统管理员', 'admin', {}),
    account('district', '区网格化服务管理中心调度员', 'district_dispatcher', {}),
    account('street01', `${street01.name}网格化服务中心调度员`, 'street_dispatcher', { streetCode: street01.code }),
    account('street02', `${street02.name}网格化服务中心调度员`, 'street_dispatcher', { streetCode: street02.code }),
    account('grid0101', grid0101.team.leader.name, 'grid_leader', {
      streetCode: grid0101.streetCode,
      gridCode: grid0101.code,
    }),
    account('member0101', grid0101.team.members[0].name, 'grid_member', {
      streetCode: grid0101.streetCode,
      gridCode: grid0101.code,
    }),
    account('community01', communityUnit.name, 'community', {
      streetCode: street01.code,
      compoundCodes: [...community01.compoundCodes],
      unitCode: communityUnit.code,
    }),
    account('pm01', pm01.name, 'property_manager', { unitCode: pm01.code }),
    department('dept-market01', 'MARKET'),
    department('urban01', 'URBAN'),
    department('police01', 'POLICE'),
    department('traffic01', 'TRAFFIC'),
    department('sanitation01', 'SANITATION'),
    department('municipal01', 'MUNICIPAL'),
    department('greening01', 'GREENING'),
    account('resident01', people.name(), 'resident', { compoundCodes: [home.code] }),
    account('resident02', people.name(), 'resident', { compoundCodes: [lakeside.code] }),
    account('resident03', people.name(), 'resident', { compoundCodes: [oldDorm.code] }),
    // Neighbours of resident01 whose claims wait for community01 (server/seed/memberships.ts).
    account('resident04', people.name(), 'resident', { compoundCodes: [home.code] }),
    account('resident05', people.name(), 'resident', { compoundCodes: [home.code] }),
    account('resident06', people.name(), 'resident', { compoundCodes: [home.code] }),
  ];
}

function mustFind<T>(items: readonly T[], test: (item: T) => boolean, what: string): T {
  const found = items.find(test);
  if (found === undefined) throw new Error(`seed plan is inconsistent: no ${what}`);
  return found;
}

import type { UnitType } from '../domain/places';
import { defaultCaseLimit } from './catalog';
import type { Catalog, Category, PriorityClass, StageKey, Subcategory, TimeLimit } from './types';

/**
 * The management service list (管理服务清单) the platform ships with: 11 categories, 118
 * subcategories. Administrators edit it through the API; each edit is a new version, and a case
 * keeps the version it was filed under.
 */

const natural = (hours: number): TimeLimit => ({ hours, basis: 'natural' });
const working = (hours: number): TimeLimit => ({ hours, basis: 'working' });

/**
 * Stage limits other than handling follow the priority class alone. A hazard cannot wait for
 * office hours, so every danger stage runs on natural hours; everything else runs on the working
 * calendar. Each subcategory states its own handle limit, where the real differences are.
 */
const stageDefaults: Record<PriorityClass, Record<Exclude<StageKey, 'handle'>, TimeLimit>> = {
  danger: { accept: natural(0.5), dispatch: natural(0.5), claim: natural(0.5), verify: natural(4) },
  visibility: { accept: working(1), dispatch: working(1), claim: working(2), verify: working(8) },
  disorder: { accept: working(1), dispatch: working(1), claim: working(2), verify: working(8) },
  general: { accept: working(2), dispatch: working(2), claim: working(4), verify: working(16) },
};

type Verifier = 'street_center' | 'grid_station';

/** One subcategory as written below; `build` fills in what follows from the priority class. */
interface Spec {
  /** The second half of the code; the category supplies the first. */
  ss: string;
  name: string;
  priority: PriorityClass;
  /** Claims and handles the case (主办). */
  lead: UnitType;
  handle: TimeLimit;
  /** Duplicate radius in metres. */
  radius: number;
  description: string;
  steps: string[];
  closing: string;
  cohandlers?: UnitType[];
  verifier?: Verifier;
  photoToFile?: boolean;
  photoToClose?: boolean;
  anonymous?: boolean;
}

function build(categoryCode: string, categoryVerifier: Verifier, spec: Spec): Subcategory {
  const limits = stageDefaults[spec.priority];
  const verifier = spec.verifier ?? categoryVerifier;
  // Copies, so that editing one subcategory's limit in place never changes its neighbours'.
  const stages: Subcategory['stages'] = {
    accept: { owner: 'street_center', limit: { ...limits.accept } },
    dispatch: { owner: 'street_center', limit: { ...limits.dispatch } },
    claim: { owner: spec.lead, limit: { ...limits.claim } },
    handle: { owner: spec.lead, limit: { ...spec.handle } },
    verify: { owner: verifier, limit: { ...limits.verify } },
  };
  return {
    code: `${categoryCode}.${spec.ss}`,
    name: spec.name,
    description: spec.description,
    priority: spec.priority,
    stages,
    // One uninterrupted run of the stages: a case passed back and forth overruns it.
    caseLimit: defaultCaseLimit(stages),
    cohandlers: [...(spec.cohandlers ?? [])],
    steps: spec.steps,
    closingStandard: spec.closing,
    // Nobody should stop to photograph a gas leak, and a consultation has nothing to photograph.
    photoRequiredToFile: spec.photoToFile ?? (spec.priority === 'visibility' || spec.priority === 'disorder'),
    // Verification compares before and after on site; advice and paperwork leave no scene.
    photoRequiredToClose: spec.photoToClose ?? spec.priority !== 'general',
    anonymousAllowed: spec.anonymous ?? true,
    duplicateRadiusM: spec.radius,
  };
}

function category(code: string, name: string, verifier: Verifier, specs: Spec[]): Category {
  return { code, name, subcategories: specs.map((spec) => build(code, verifier, spec)) };
}

const cityAppearance = category('01', '市容环境', 'street_center', [
  {
    ss: '01', name: '暴露垃圾', priority: 'visibility', lead: 'sanitation', handle: working(8), radius: 50,
    description: '道路、空地、绿地等公共区域裸露堆放的生活垃圾',
    steps: ['核实垃圾位置与数量', '清运垃圾并清扫现场', '必要时消杀除臭', '拍照回单'],
    closing: '现场无暴露垃圾，无残留污渍和异味',
  },
  {
    ss: '02', name: '垃圾桶（箱）满溢', priority: 'visibility', lead: 'sanitation', handle: working(4), radius: 30,
    description: '公共垃圾桶、垃圾箱装满外溢或周边散落垃圾',
    steps: ['清运桶内垃圾', '清扫周边散落垃圾', '视情况增加清运频次或桶位', '拍照回单'],
    closing: '垃圾桶（箱）已清空，周边无散落垃圾',
  },
  {
    ss: '03', name: '道路不洁', priority: 'visibility', lead: 'sanitation', handle: working(8), radius: 100,
    description: '路面积存泥沙、油污、落叶或散落废弃物',
    steps: ['核实污染路段范围', '组织人工或机械清扫冲洗', '油污路段专项清洗', '拍照回单'],
    closing: '路面干净，无积存泥沙、油污和废弃物',
  },
  {
    ss: '04', name: '建筑垃圾乱倒', priority: 'visibility', lead: 'sanitation', handle: working(12), radius: 50,
    cohandlers: ['urban_management'],
    description: '路口、路边、空地偷倒的装修或施工建筑垃圾',
    steps: ['核实垃圾数量与来源线索', '街道签约保洁单位清运并清扫现场', '城管追查倾倒责任人并依法处理', '拍照回单'],
    closing: '建筑垃圾已全部清运，现场清扫干净；有线索的已移交城管查处',
  },
  {
    ss: '05', name: '非法小广告', priority: 'visibility', lead: 'urban_management', handle: working(24), radius: 50,
    cohandlers: ['sanitation'],
    description: '墙面、电杆、设施上张贴、喷涂的小广告',
    steps: ['核实小广告位置和数量', '清除小广告并恢复原貌', '对留有电话的依法处理', '拍照回单'],
    closing: '小广告已清除干净，墙面、设施无残留',
  },
  {
    ss: '06', name: '乱涂乱画', priority: 'visibility', lead: 'sanitation', handle: working(24), radius: 30,
    description: '建筑外墙、公共设施上的涂鸦、刻画',
    steps: ['核实涂画位置和面积', '清洗或覆涂', '恢复与周边一致的色彩', '拍照回单'],
    closing: '涂画已清除或覆盖，色彩与周边协调',
  },
  {
    ss: '07', name: '违规户外广告', priority: 'visibility', lead: 'urban_management', handle: working(24), radius: 50,
    description: '未经审批设置或破损褪色的户外广告、店招、横幅',
    steps: ['核查广告设置手续', '责令设置单位整改或拆除', '逾期不整改的依法拆除', '拍照回单'],
    closing: '违规广告已拆除或整改到位，破损店招已修复',
  },
  {
    ss: '08', name: '乱拉乱挂', priority: 'visibility', lead: 'urban_management', handle: working(12), radius: 50,
    description: '在行道树、护栏、电杆上晾晒衣物、悬挂物品或私拉绳线',
    steps: ['劝导当事人自行清除', '拒不清除的依法清除', '拍照回单'],
    closing: '悬挂物品和绳线已清除',
  },
  {
    ss: '09', name: '店外经营', priority: 'disorder', lead: 'urban_management', handle: working(8), radius: 50,
    description: '沿街门店超出门窗在人行道上摆放商品、设施或作业',
    steps: ['现场劝导商户退店经营', '拒不整改的依法处理', '纳入门前三包日常巡查', '拍照回单'],
    closing: '商品、设施已收回店内，人行道畅通',
  },
  {
    ss: '10', name: '公厕保洁不到位', priority: 'visibility', lead: 'sanitation', handle: working(8), radius: 100,
    description: '公共厕所脏乱、异味明显、设施损坏或未按时开放',
    steps: ['督促保洁人员清洁消杀', '维修损坏的洁具、照明和门锁', '核对开放时间', '拍照回单'],
    closing: '公厕整洁无明显异味，设施可正常使用，按时开放',
  },
  {
    ss: '11', name: '动物尸体', priority: 'visibility', lead: 'sanitation', handle: working(4), radius: 50,
    description: '道路、绿地、水面上的动物尸体',
    steps: ['现场收集动物尸体', '按规定无害化处理', '对现场消杀', '拍照回单'],
    closing: '动物尸体已清除，现场已消杀',
  },
  {
    ss: '12', name: '沿街乱堆物料', priority: 'visibility', lead: 'urban_management', handle: working(12), radius: 50,
    description: '沿街堆放建材、杂物、废品，影响市容和通行',
    steps: ['查找堆放责任人', '责令限期清理', '逾期未清理的依法清理', '拍照回单'],
    closing: '堆放物料已清理，现场整洁',
  },
]);

const roadsAndFacilities = category('02', '道路与市政设施', 'street_center', [
  {
    ss: '01', name: '路面坑洼', priority: 'visibility', lead: 'municipal_works', handle: working(24), radius: 30,
    description: '车行道出现坑槽、裂缝、沉陷或拥包',
    steps: ['现场设置警示标志', '测量破损面积', '修补路面并压实', '拍照回单'],
    closing: '路面修补平整，与原路面衔接顺畅，警示设施已撤除',
  },
  {
    ss: '02', name: '人行道板破损', priority: 'visibility', lead: 'municipal_works', handle: working(24), radius: 30,
    description: '人行道板、路缘石缺失、松动、翘起或破碎',
    steps: ['现场设置警示标志', '更换破损板块或重新铺设', '恢复盲道等附属设施', '拍照回单'],
    closing: '人行道铺装平整稳固，无缺损、松动',
  },
  {
    ss: '03', name: '路面塌陷', priority: 'danger', lead: 'municipal_works', handle: natural(4), radius: 50,
    cohandlers: ['traffic_police', 'utilities'],
    description: '道路突然下沉、塌陷或出现空洞',
    steps: ['立即围挡警戒，交警疏导交通', '排查地下管线和空洞成因', '管线单位抢修受损管线', '回填修复路面'],
    closing: '险情已排除，塌陷处完成回填修复或可靠围挡并落实修复计划',
  },
  {
    ss: '04', name: '井盖缺失破损', priority: 'danger', lead: 'municipal_works', handle: natural(2), radius: 30,
    cohandlers: ['utilities'],
    description: '窨井盖缺失、破损、移位或井口塌陷',
    steps: ['立即设置警示和临时覆盖', '确认井盖权属单位', '权属单位更换或复位井盖', '拍照回单'],
    closing: '井盖完好、安装牢固，与路面平齐',
  },
  {
    ss: '05', name: '雨水口堵塞', priority: 'visibility', lead: 'municipal_works', handle: working(24), radius: 50,
    description: '雨水口、雨水箅子被垃圾淤泥堵塞或箅子缺损',
    steps: ['清掏雨水口淤积物', '更换缺损的雨水箅子', '试水确认排水通畅', '拍照回单'],
    closing: '雨水口排水通畅，箅子完好',
  },
  {
    ss: '06', name: '道路积水', priority: 'visibility', lead: 'municipal_works', handle: working(8), radius: 100,
    description: '降雨后路面积水不退、排水不畅',
    steps: ['设置积水警示', '抽排积水', '疏通排水管网', '拍照回单'],
    closing: '路面积水已排除，排水设施通畅',
  },
  {
    ss: '07', name: '路灯不亮', priority: 'visibility', lead: 'municipal_works', handle: working(24), radius: 50,
    description: '路灯不亮、白天亮灯、灯杆倾斜或灯具损坏',
    steps: ['排查线路和灯具故障', '维修或更换灯具', '夜间复查亮灯情况', '拍照回单'],
    closing: '路灯正常亮灭，灯杆、灯具完好',
  },
  {
    ss: '08', name: '护栏隔离设施损坏', priority: 'visibility', lead: 'municipal_works', handle: working(24), radius: 50,
    cohandlers: ['traffic_police'],
    description: '道路护栏、隔离墩、防撞桶损坏、倾倒或缺失',
    steps: ['清理倒伏设施，设置临时警示', '维修或更换护栏', '拍照回单'],
    closing: '护栏隔离设施完好、稳固、连续',
  },
  {
    ss: '09', name: '交通信号灯故障', priority: 'danger', lead: 'traffic_police', handle: natural(2), radius: 100,
    description: '信号灯不亮、常亮、配时异常或灯杆损坏',
    steps: ['派警力现场指挥交通', '通知维护单位抢修信号设备', '恢复正常配时', '拍照回单'],
    closing: '信号灯运行正常，路口通行有序',
  },
  {
    ss: '10', name: '交通标志标线缺损', priority: 'visibility', lead: 'traffic_police', handle: working(24), radius: 50,
    cohandlers: ['municipal_works'],
    description: '交通标志牌缺失、倾斜、遮挡，标线模糊不清',
    steps: ['核实缺损情况', '扶正、更换标志牌', '重新施划标线', '拍照回单'],
    closing: '标志牌完好清晰，标线清楚',
  },
  {
    ss: '11', name: '桥梁涵洞结构损坏', priority: 'danger', lead: 'municipal_works', handle: natural(4), radius: 100,
    cohandlers: ['traffic_police'],
    description: '桥梁、涵洞、人行天桥出现裂缝、剥落、栏杆松动等结构隐患',
    steps: ['封闭或限制通行，设置警示', '组织专业人员检测评估', '实施抢修加固', '经评估安全后恢复通行'],
    closing: '险情已排除，经评估可安全通行；需大修的已封闭并落实维修计划',
  },
  {
    ss: '12', name: '公共设施损坏', priority: 'visibility', lead: 'municipal_works', handle: working(24), radius: 50,
    description: '公交站亭、公共座椅、路名牌、隔音屏等设施损坏',
    steps: ['确认设施权属单位', '权属单位维修或更换', '拍照回单'],
    closing: '设施修复完好，可正常使用',
  },
]);

const greening = category('03', '园林绿化', 'street_center', [
  {
    ss: '01', name: '绿化带损毁', priority: 'visibility', lead: 'greening', handle: working(24), radius: 50,
    description: '道路绿化带被碾压、踩踏、破坏，出现裸土和缺苗',
    steps: ['清理损毁苗木和杂物', '及时补植草皮覆盖裸土', '不宜栽植的苗木列入种植季补植计划', '拍照回单'],
    closing: '损毁处已清理并补植草皮，无裸土；苗木补植已列入种植季计划',
  },
  {
    ss: '02', name: '树木倒伏断枝', priority: 'danger', lead: 'greening', handle: natural(4), radius: 50,
    cohandlers: ['traffic_police'],
    description: '树木倒伏、倾斜欲倒或大枝断裂悬挂，威胁行人车辆',
    steps: ['设置警戒，必要时疏导交通', '清除断枝或移除倒伏树木', '扶正加固可救活的树木', '拍照回单'],
    closing: '隐患已排除，道路畅通，现场清理干净',
  },
  {
    ss: '03', name: '树木缺株死株', priority: 'general', lead: 'greening', handle: working(72), radius: 50,
    photoToClose: true,
    description: '行道树、绿地树木死亡、缺株或树穴空置',
    steps: ['核实缺株位置和数量', '清除枯死树木', '适宜季节补植同规格苗木', '拍照回单'],
    closing: '枯死树木已清除；已补植或列入种植季补植计划',
  },
  {
    ss: '04', name: '树枝遮挡', priority: 'visibility', lead: 'greening', handle: working(24), radius: 50,
    description: '树枝遮挡交通标志、信号灯、路灯或紧贴住户窗户',
    steps: ['核实遮挡情况', '按规范修剪树枝', '清运修剪枝叶', '拍照回单'],
    closing: '遮挡已消除，修剪枝叶已清运',
  },
  {
    ss: '05', name: '绿地养护不到位', priority: 'visibility', lead: 'greening', handle: working(24), radius: 50,
    description: '公共绿地杂草丛生、枯枝落叶堆积、缺少浇灌',
    steps: ['督促养护单位清除杂草枯枝', '补浇补剪', '拍照回单'],
    closing: '绿地整洁，无明显杂草和枯枝堆积',
  },
  {
    ss: '06', name: '毁绿种菜', priority: 'disorder', lead: 'greening', handle: working(24), radius: 50,
    cohandlers: ['urban_management'],
    description: '在公共绿地内私自开荒种菜、圈占绿地或堆放杂物',
    steps: ['劝导当事人停止侵占并自行清理', '拒不清理的依法处理', '恢复绿化', '拍照回单'],
    closing: '侵占已清除，绿地已恢复',
  },
  {
    ss: '07', name: '病虫害', priority: 'general', lead: 'greening', handle: working(72), radius: 100,
    photoToClose: true,
    description: '树木、绿地出现明显病虫害',
    steps: ['识别病虫害种类', '制定防治方案', '实施药物或物理防治', '跟踪复查防治效果'],
    closing: '已完成防治作业，病虫害得到控制',
  },
  {
    ss: '08', name: '公园设施损坏', priority: 'visibility', lead: 'greening', handle: working(24), radius: 50,
    description: '公园、游园内的座椅、步道、健身器材、护栏损坏',
    steps: ['设置警示，暂停使用危险设施', '维修或更换损坏设施', '拍照回单'],
    closing: '设施修复完好，可安全使用',
  },
]);

const trafficOrder = category('04', '交通秩序', 'street_center', [
  {
    ss: '01', name: '机动车违法停车', priority: 'disorder', lead: 'traffic_police', handle: working(4), radius: 50,
    description: '机动车在路口、人行道、禁停路段违法停放',
    steps: ['现场核实违停车辆', '联系车主驶离或依法处罚', '必要时拖移车辆', '拍照回单'],
    closing: '违停车辆已驶离或被拖移，通行恢复',
  },
  {
    ss: '02', name: '非机动车乱停放', priority: 'disorder', lead: 'urban_management', handle: working(8), radius: 50,
    description: '共享单车、电动自行车乱停乱放，占用人行道或出入口',
    steps: ['整理归位车辆', '通知共享单车企业清运调度', '拍照回单'],
    closing: '车辆已规范停放或清运，通道畅通',
  },
  {
    ss: '03', name: '占用盲道', priority: 'disorder', lead: 'urban_management', handle: working(8), radius: 30,
    description: '车辆、物品、设施占用或阻断盲道',
    steps: ['清除占道物品或车辆', '设施阻断的通知权属单位整改', '拍照回单'],
    closing: '盲道连续畅通',
  },
  {
    ss: '04', name: '私设地桩地锁', priority: 'disorder', lead: 'urban_management', handle: working(24), radius: 30,
    description: '在公共道路、公共车位上私设地桩、地锁、路障',
    steps: ['核实设置人', '责令自行拆除', '逾期未拆除的依法拆除', '拍照回单'],
    closing: '地桩地锁已拆除，地面恢复平整',
  },
  {
    ss: '05', name: '路口交通拥堵', priority: 'disorder', lead: 'traffic_police', handle: working(4), radius: 300,
    description: '路口、路段长时间严重拥堵',
    steps: ['派警力现场疏导', '排查拥堵成因', '需调整信号配时或渠化的提出方案', '拍照回单'],
    closing: '拥堵已疏解；需长效治理的已形成方案',
  },
  {
    ss: '06', name: '废弃车辆', priority: 'general', lead: 'urban_management', handle: working(72), radius: 30,
    cohandlers: ['traffic_police', 'police_station'],
    photoToFile: true, photoToClose: true,
    description: '长期停放、无人认领的僵尸车，占用公共车位或道路',
    steps: ['查询车辆信息并联系车主', '张贴限期移车告知书', '逾期未移的依法拖移', '拍照回单'],
    closing: '车辆已移走；依法公告期内的已张贴告知并登记跟踪',
  },
  {
    ss: '07', name: '渣土车抛洒滴漏', priority: 'visibility', lead: 'urban_management', handle: working(8), radius: 200,
    cohandlers: ['sanitation', 'traffic_police'],
    description: '渣土车、混凝土车未密闭运输，沿路抛洒泥土砂石',
    steps: ['环卫清扫冲洗污染路面', '追查车辆和运输单位', '依法处罚运输单位', '拍照回单'],
    closing: '路面清洗干净，责任车辆已查处',
  },
  {
    ss: '08', name: '非法营运', priority: 'disorder', lead: 'traffic_police', handle: working(24), radius: 200,
    description: '黑车、无证电动三轮车聚集揽客',
    steps: ['核实聚集点位和时段', '组织执法查处', '落实重点时段巡查', '拍照回单'],
    closing: '聚集点已清理，违法车辆已查处',
  },
  {
    ss: '09', name: '停车泊位设置问题', priority: 'general', lead: 'traffic_police', handle: working(72), radius: 100,
    cohandlers: ['urban_management'],
    description: '路内停车泊位设置不合理、标线不清或影响通行的意见',
    steps: ['现场勘查泊位设置', '研究调整方案', '实施调整或答复反映人'],
    closing: '泊位已调整，或已向反映人说明情况',
    anonymous: false,
  },
  {
    ss: '10', name: '校园周边交通秩序', priority: 'disorder', lead: 'traffic_police', handle: working(8), radius: 200,
    cohandlers: ['education'],
    description: '上下学时段学校周边接送车辆乱停、拥堵',
    steps: ['上下学时段安排警力疏导', '会同学校优化接送组织', '拍照回单'],
    closing: '学校周边上下学时段通行有序',
  },
]);

const propertyManagement = category('05', '物业管理', 'grid_station', [
  {
    ss: '01', name: '电梯故障', priority: 'danger', lead: 'property_company', handle: natural(4), radius: 30,
    cohandlers: ['market_supervision'],
    anonymous: false,
    description: '电梯突然下坠、困人、异响、运行异常或停运',
    steps: [
      '网格员接报后安抚居民，物业立即停梯并解救被困人员',
      '网格员会同物业、维保单位到场排查故障',
      '物业无法修复的，通知电梯制造单位并报市场监管部门',
      '检测合格后恢复运行，每一步进展告知居民',
    ],
    closing: '故障已排除，经维保单位检测合格恢复运行；需制造单位处理的已停梯封闭并告知居民',
  },
  {
    ss: '02', name: '楼道堆物', priority: 'visibility', lead: 'property_company', handle: working(24), radius: 30,
    description: '楼道、楼梯间、消防楼梯堆放杂物',
    steps: ['张贴通知督促住户自行清理', '逾期未清理的由物业清理', '拍照回单'],
    closing: '楼道内无堆放杂物，通道畅通',
  },
  {
    ss: '03', name: '电动自行车楼道停放充电', priority: 'danger', lead: 'property_company', handle: natural(4), radius: 30,
    cohandlers: ['fire_rescue', 'community'],
    description: '电动自行车在楼道、楼梯间停放或飞线充电，堵塞消防通道',
    steps: [
      '物业劝离楼道内车辆并拆除飞线',
      '消防救援站开展火灾风险提示',
      '充电设施不足的由居委会组织议事协商，推动增设充电棚',
      '拍照回单',
    ],
    closing: '楼道内无电动自行车停放和飞线充电，消防通道畅通',
  },
  {
    ss: '04', name: '小区垃圾清运不及时', priority: 'visibility', lead: 'property_company', handle: working(12), radius: 50,
    description: '小区垃圾分类投放点满溢、垃圾未日产日清',
    steps: ['清运积存垃圾', '清洗投放点', '调整清运频次', '拍照回单'],
    closing: '投放点干净，垃圾日产日清',
  },
  {
    ss: '05', name: '小区公共设施损坏', priority: 'visibility', lead: 'property_company', handle: working(24), radius: 30,
    description: '单元门、门禁、楼道灯、信报箱等公共设施损坏',
    steps: ['核实损坏情况', '维修或更换', '拍照回单'],
    closing: '设施修复，可正常使用',
  },
  {
    ss: '06', name: '二次供水水质异常', priority: 'danger', lead: 'property_company', handle: natural(4), radius: 100,
    cohandlers: ['health', 'utilities'],
    description: '小区二次供水浑浊、有异味或有异物',
    steps: ['通知住户暂停饮用', '排查水箱和管道', '清洗消毒水箱', '水质检测合格后恢复供水'],
    closing: '水质检测合格，已告知住户恢复正常用水',
  },
  {
    ss: '07', name: '房屋渗漏', priority: 'general', lead: 'property_company', handle: working(72), radius: 30,
    cohandlers: ['housing_construction'],
    photoToFile: true, photoToClose: true,
    anonymous: false,
    description: '屋面、外墙、公共管道渗漏影响住户',
    steps: ['入户查看渗漏部位', '确认维修责任和资金渠道', '组织维修', '雨后回访确认'],
    closing: '渗漏已修复，或已明确维修责任并告知住户维修计划',
  },
  {
    ss: '08', name: '小区停车管理混乱', priority: 'disorder', lead: 'property_company', handle: working(24), radius: 100,
    description: '小区内车辆乱停乱放、占用通道和绿地',
    steps: ['清理乱停车辆', '施划车位和通道标识', '加强巡查', '拍照回单'],
    closing: '通道畅通，车辆规范停放',
  },
  {
    ss: '09', name: '小区绿化养护不到位', priority: 'visibility', lead: 'property_company', handle: working(24), radius: 50,
    description: '小区绿地荒芜、杂草丛生、树木缺少修剪',
    steps: ['清除杂草枯枝', '修剪树木', '补植裸露绿地', '拍照回单'],
    closing: '小区绿地整洁，树木修剪到位',
  },
  {
    ss: '10', name: '物业服务投诉', priority: 'general', lead: 'property_company', handle: working(72), radius: 100,
    cohandlers: ['housing_construction'],
    anonymous: false,
    description: '物业服务质量差、服务态度差、服务内容与合同不符',
    steps: ['联系反映人了解诉求', '督促物业整改', '住建部门对物业服务进行监管', '回访反映人'],
    closing: '问题已整改或已向反映人答复，回访无异议',
  },
  {
    ss: '11', name: '小区污水外溢', priority: 'visibility', lead: 'property_company', handle: working(12), radius: 50,
    description: '化粪池、污水管道堵塞，污水外溢',
    steps: ['疏通管道或清掏化粪池', '清理消杀外溢现场', '排查堵塞原因', '拍照回单'],
    closing: '管道通畅，无污水外溢，现场已消杀',
  },
  {
    ss: '12', name: '外墙附属物脱落隐患', priority: 'danger', lead: 'property_company', handle: natural(4), radius: 30,
    cohandlers: ['housing_construction'],
    description: '外墙瓷砖、保温层、空调外机支架、雨篷等松动或脱落',
    steps: ['划定警戒区，设置警示', '清除松动部件', '组织维修加固', '拍照回单'],
    closing: '松动部件已清除或加固，无坠落隐患',
  },
]);

const publicSafety = category('06', '公共安全', 'street_center', [
  {
    ss: '01', name: '燃气泄漏', priority: 'danger', lead: 'utilities', handle: natural(2), radius: 100,
    cohandlers: ['fire_rescue', 'police_station'],
    description: '闻到燃气味、燃气管道或设施泄漏',
    steps: ['燃气公司立即抢修，关闭阀门', '疏散人员，严禁明火', '消防、派出所现场警戒', '检测无泄漏后恢复供气'],
    closing: '泄漏已排除，检测合格并恢复供气',
  },
  {
    ss: '02', name: '消防通道堵塞', priority: 'danger', lead: 'property_company', handle: natural(4), radius: 50,
    cohandlers: ['fire_rescue'],
    verifier: 'grid_station',
    description: '消防车通道、安全出口被车辆、杂物占用或封闭',
    steps: ['联系车主挪车或清理杂物', '拒不整改的报消防救援部门处理', '施划消防通道标识', '拍照回单'],
    closing: '消防通道和安全出口畅通',
  },
  {
    ss: '03', name: '消防设施损坏', priority: 'danger', lead: 'property_company', handle: natural(4), radius: 30,
    cohandlers: ['fire_rescue'],
    verifier: 'grid_station',
    description: '消火栓、灭火器、应急照明、疏散指示缺失或失效',
    steps: ['核实缺损设施', '更换或维修', '测试功能正常', '拍照回单'],
    closing: '消防设施完好有效',
  },
  {
    ss: '04', name: '招牌广告牌松动', priority: 'danger', lead: 'urban_management', handle: natural(4), radius: 50,
    description: '户外广告牌、店招松动、倾斜，有坠落危险',
    steps: ['设置警戒区', '责令设置单位加固或拆除', '无人处理的组织拆除', '拍照回单'],
    closing: '招牌已加固或拆除，无坠落隐患',
  },
  {
    ss: '05', name: '危险房屋', priority: 'danger', lead: 'housing_construction', handle: natural(4), radius: 50,
    cohandlers: ['community'],
    description: '房屋出现明显开裂、倾斜、沉降等危险迹象',
    steps: ['劝导人员撤离，设置警戒', '组织房屋安全鉴定', '落实加固或停用措施', '告知住户后续安排'],
    closing: '人员已安全撤离或险情已排除，鉴定和处置措施已落实',
  },
  {
    ss: '06', name: '高空抛物', priority: 'danger', lead: 'police_station', handle: natural(4), radius: 50,
    cohandlers: ['property_company'],
    anonymous: false,
    description: '从建筑物高处抛掷物品',
    steps: ['派出所现场调查取证', '物业调取监控、排查楼层', '查实行为人依法处理', '开展宣传并加装监控'],
    closing: '已调查处理，行为人查实的依法处理，已落实防范措施',
  },
  {
    ss: '07', name: '电力设施隐患', priority: 'danger', lead: 'utilities', handle: natural(4), radius: 50,
    description: '电线裸露、垂落，配电箱敞开，电杆倾斜',
    steps: ['设置警戒，必要时断电', '供电单位抢修', '拍照回单'],
    closing: '隐患已排除，电力设施安全',
  },
  {
    ss: '08', name: '危险化学品违规存放', priority: 'danger', lead: 'work_safety', handle: natural(4), radius: 100,
    cohandlers: ['fire_rescue', 'police_station'],
    description: '居民区、商铺违规存放、销售危险化学品或液化气瓶',
    steps: ['现场核查并控制危险物品', '依法查扣或转移', '处罚违规单位', '拍照回单'],
    closing: '危险物品已依法处置，现场无隐患',
  },
  {
    ss: '09', name: '水域安全隐患', priority: 'danger', lead: 'agriculture_water', handle: natural(4), radius: 100,
    description: '河道、沟塘、湖岸护栏缺失，警示标志缺失，有人冒险下水',
    steps: ['设置临时围挡和警示', '劝离危险区域人员', '补设护栏和警示牌', '拍照回单'],
    closing: '护栏、警示设施完好，无人员涉险',
  },
  {
    ss: '10', name: '治安隐患', priority: 'general', lead: 'police_station', handle: working(48), radius: 100,
    description: '区域监控缺失、照明不足、可疑人员频繁出没',
    steps: ['现场踏勘', '加强巡逻防控', '推动补设监控和照明'],
    closing: '已落实巡逻防控措施，设施补设已纳入计划或完成',
  },
  {
    ss: '11', name: '违规群租', priority: 'disorder', lead: 'police_station', handle: working(24), radius: 30,
    cohandlers: ['housing_construction', 'fire_rescue'],
    description: '房屋被分隔出租、人员过度密集',
    steps: ['上门核查居住人员', '登记流动人口信息', '责令恢复原状、消除消防隐患', '拍照回单'],
    closing: '群租已整改，房屋恢复原状，人员信息已登记',
  },
  {
    ss: '12', name: '游乐设施安全隐患', priority: 'danger', lead: 'market_supervision', handle: natural(4), radius: 100,
    description: '商场、公园内游乐设施、儿童游乐设备运行异常或破损',
    steps: ['责令停止运营并设置警示', '检查设施安全状况', '维修并检验合格后恢复运营', '拍照回单'],
    closing: '设施已停运或经检验合格恢复运营',
  },
]);

const marketOrder = category('07', '市场秩序', 'street_center', [
  {
    ss: '01', name: '占道经营', priority: 'disorder', lead: 'urban_management', handle: working(4), radius: 100,
    description: '流动摊贩占用道路、人行道摆摊经营',
    steps: ['现场劝离摊贩', '引导至疏导点经营', '拒不离开的依法处理', '拍照回单'],
    closing: '摊贩已劝离，道路畅通，现场无遗留垃圾',
  },
  {
    ss: '02', name: '夜市摊点越界经营', priority: 'disorder', lead: 'urban_management', handle: working(24), radius: 200,
    description: '夜市、临时摊点超时间、超范围经营，油烟噪声扰民',
    steps: ['核查摊点经营时间和范围', '责令在规定范围内经营', '督促收摊后清扫', '拍照回单'],
    closing: '摊点按规定时间和范围经营，收摊后现场干净',
  },
  {
    ss: '03', name: '无证无照经营', priority: 'general', lead: 'market_supervision', handle: working(72), radius: 50,
    photoToClose: true,
    description: '未取得营业执照或许可证经营',
    steps: ['现场核查经营资质', '责令办理证照或停止经营', '依法处罚', '拍照回单'],
    closing: '经营者已办齐证照或已停止经营',
  },
  {
    ss: '04', name: '食品安全问题', priority: 'general', lead: 'market_supervision', handle: working(24), radius: 100,
    photoToClose: true,
    anonymous: false,
    description: '销售过期变质食品、餐饮卫生条件差',
    steps: ['现场检查并抽样', '查扣问题食品', '责令整改并依法处罚', '回复反映人'],
    closing: '问题食品已处置，经营者已整改，已回复反映人',
  },
  {
    ss: '05', name: '价格违法与乱收费', priority: 'general', lead: 'market_supervision', handle: working(72), radius: 100,
    anonymous: false,
    description: '不明码标价、价格欺诈、乱收费',
    steps: ['联系反映人核实情况', '现场检查', '依法处理并督促退还多收费用', '回复反映人'],
    closing: '违法行为已查处，已回复反映人',
  },
  {
    ss: '06', name: '假冒伪劣商品', priority: 'general', lead: 'market_supervision', handle: working(72), radius: 100,
    anonymous: false,
    description: '销售假冒伪劣、三无商品',
    steps: ['现场检查', '查扣涉嫌商品', '依法立案处理', '回复反映人'],
    closing: '涉嫌商品已查扣，已依法处理并回复反映人',
  },
  {
    ss: '07', name: '农贸市场秩序混乱', priority: 'disorder', lead: 'market_supervision', handle: working(24), radius: 200,
    cohandlers: ['urban_management'],
    description: '农贸市场内外摊位越界、环境脏乱、缺斤短两',
    steps: ['督促市场开办方整改', '清理场外占道摊点', '检查计量器具', '拍照回单'],
    closing: '市场内外秩序良好，摊位规范',
  },
  {
    ss: '08', name: '违规销售烟花爆竹', priority: 'danger', lead: 'work_safety', handle: natural(4), radius: 100,
    cohandlers: ['police_station'],
    description: '无证或在禁售区域销售、储存烟花爆竹',
    steps: ['现场查扣烟花爆竹', '转移至安全场所处置', '依法处罚', '拍照回单'],
    closing: '烟花爆竹已查扣并安全处置',
  },
  {
    ss: '09', name: '校园周边违规经营', priority: 'general', lead: 'market_supervision', handle: working(48), radius: 200,
    cohandlers: ['education'],
    photoToClose: true,
    description: '学校周边销售三无食品、不良读物或违规开设网吧',
    steps: ['现场检查', '查扣问题商品', '依法处理', '加强上下学时段巡查'],
    closing: '违规经营已查处，学校周边无违规商品',
  },
  {
    ss: '10', name: '消费纠纷', priority: 'general', lead: 'market_supervision', handle: working(72), radius: 0,
    anonymous: false,
    description: '购物、预付卡、服务等消费纠纷',
    steps: ['联系双方了解情况', '组织调解', '调解不成的告知维权途径', '回复反映人'],
    closing: '纠纷已调解或已告知维权途径，回复反映人',
  },
]);

const environment = category('08', '生态环境', 'street_center', [
  {
    ss: '01', name: '商业经营噪声', priority: 'disorder', lead: 'urban_management', handle: working(8), radius: 200,
    photoToFile: false,
    description: '商铺使用高音喇叭、音响招揽顾客',
    steps: ['现场劝导降低音量或停止使用', '拒不整改的依法处罚', '复查'],
    closing: '噪声已消除',
  },
  {
    ss: '02', name: '夜间施工噪声', priority: 'disorder', lead: 'environment', handle: working(4), radius: 200,
    cohandlers: ['housing_construction'],
    photoToFile: false,
    description: '工地在夜间22时至次日6时违规施工',
    steps: ['核查夜间施工许可', '无许可的责令停止施工', '依法处罚', '夜间复查'],
    closing: '违规夜间施工已停止',
  },
  {
    ss: '03', name: '社会生活噪声', priority: 'disorder', lead: 'police_station', handle: working(8), radius: 200,
    cohandlers: ['community'],
    photoToFile: false,
    description: '广场舞、娱乐活动、宠物等噪声扰民',
    steps: ['现场劝导', '社区协调活动时间和音量', '屡劝不改的依法处理'],
    closing: '噪声已消除或已协调约定活动时间和音量',
  },
  {
    ss: '04', name: '餐饮油烟扰民', priority: 'disorder', lead: 'urban_management', handle: working(24), radius: 100,
    cohandlers: ['environment'],
    description: '餐饮店未安装或未正常使用油烟净化设施',
    steps: ['检查油烟净化设施', '责令安装或清洗设施', '依法处罚', '拍照回单'],
    closing: '油烟净化设施正常运行，油烟达标排放',
  },
  {
    ss: '05', name: '露天焚烧', priority: 'visibility', lead: 'urban_management', handle: working(4), radius: 200,
    cohandlers: ['environment'],
    description: '露天焚烧垃圾、树叶、秸秆等',
    steps: ['现场扑灭火源', '清理焚烧残留', '教育或处罚当事人', '拍照回单'],
    closing: '火源已扑灭，残留已清理',
  },
  {
    ss: '06', name: '废气异味', priority: 'visibility', lead: 'environment', handle: working(24), radius: 300,
    photoToFile: false,
    description: '企业、作坊排放废气或刺激性异味',
    steps: ['排查异味来源', '现场监测', '责令整改并依法处罚', '复查'],
    closing: '异味来源已查明并整改，复查无明显异味',
  },
  {
    ss: '07', name: '污水直排', priority: 'visibility', lead: 'environment', handle: working(24), radius: 200,
    cohandlers: ['municipal_works'],
    description: '污水未经处理直接排入雨水管网或河道',
    steps: ['追溯排污源头', '封堵排口', '责令接入污水管网', '依法处罚', '拍照回单'],
    closing: '排口已封堵或接管，无污水直排',
  },
  {
    ss: '08', name: '河道水面污染', priority: 'visibility', lead: 'agriculture_water', handle: working(24), radius: 300,
    description: '河道、沟塘水面漂浮物多、水体发黑发臭',
    steps: ['打捞水面漂浮物', '排查污染来源', '实施治理', '拍照回单'],
    closing: '水面清洁，污染来源已查明处理',
  },
  {
    ss: '09', name: '裸土扬尘', priority: 'visibility', lead: 'environment', handle: working(12), radius: 200,
    cohandlers: ['sanitation'],
    description: '裸露土地、堆场未覆盖，起风扬尘',
    steps: ['督促责任单位覆盖裸土', '洒水降尘', '拍照回单'],
    closing: '裸土已覆盖或绿化，无明显扬尘',
  },
  {
    ss: '10', name: '危险废物乱弃', priority: 'danger', lead: 'environment', handle: natural(4), radius: 100,
    cohandlers: ['health'],
    description: '医疗废物、废油、废化学品等危险废物被随意丢弃',
    steps: ['设置警戒，防止人员接触', '由有资质单位收集转运', '追查丢弃单位并依法处罚', '拍照回单'],
    closing: '危险废物已安全收集转运，现场无残留',
  },
]);

const housingAndConstruction = category('09', '住房与建设', 'street_center', [
  {
    ss: '01', name: '违法建设', priority: 'disorder', lead: 'urban_management', handle: working(24), radius: 30,
    cohandlers: ['housing_construction'],
    description: '未取得规划许可新建、扩建、改建建筑物或构筑物',
    steps: ['现场核查，对在建的责令停工', '核查规划手续', '依法立案', '组织拆除或依法处理'],
    closing: '在建违建已制止并依法立案；已建违建已拆除或依法处理',
  },
  {
    ss: '02', name: '小区私搭乱建', priority: 'disorder', lead: 'urban_management', handle: working(24), radius: 30,
    cohandlers: ['property_company', 'community'],
    verifier: 'grid_station',
    description: '小区内屋顶加层、阳台外扩、圈占公共绿地搭建',
    steps: ['物业劝阻并上报', '城管现场核查，责令停止', '社区做当事人工作', '依法拆除'],
    closing: '搭建已停止并拆除或依法立案处理',
  },
  {
    ss: '03', name: '施工工地扬尘', priority: 'visibility', lead: 'housing_construction', handle: working(8), radius: 200,
    cohandlers: ['environment'],
    description: '工地未落实围挡、覆盖、冲洗、洒水等降尘措施',
    steps: ['现场检查降尘措施', '责令立即整改', '依法处罚', '拍照回单'],
    closing: '工地降尘措施落实到位，无明显扬尘',
  },
  {
    ss: '04', name: '工地车辆带泥上路', priority: 'visibility', lead: 'housing_construction', handle: working(8), radius: 200,
    cohandlers: ['urban_management'],
    description: '工地出入口未设冲洗设施，车辆带泥上路污染路面',
    steps: ['责令工地清洗出入口路面', '落实车辆冲洗设施', '依法处罚', '拍照回单'],
    closing: '出入口及周边路面干净，冲洗设施正常使用',
  },
  {
    ss: '05', name: '施工围挡安全防护缺失', priority: 'danger', lead: 'housing_construction', handle: natural(4), radius: 100,
    description: '施工现场围挡倒塌、缺失，沟槽基坑无防护和警示',
    steps: ['设置临时警戒', '责令施工单位恢复围挡和防护', '检查加固情况', '拍照回单'],
    closing: '围挡、防护和警示设施完整稳固',
  },
  {
    ss: '06', name: '建筑工地安全隐患', priority: 'danger', lead: 'housing_construction', handle: natural(2), radius: 100,
    cohandlers: ['work_safety'],
    description: '塔吊、脚手架、基坑等存在倒塌、坠落隐患',
    steps: ['责令停止相关作业，疏散人员', '组织专业检查', '整改隐患', '复查合格后恢复作业'],
    closing: '隐患已整改，经复查合格',
  },
  {
    ss: '07', name: '装修破坏承重结构', priority: 'danger', lead: 'housing_construction', handle: natural(4), radius: 30,
    cohandlers: ['property_company'],
    description: '装修中拆改承重墙、梁柱或擅自开挖地下室',
    steps: ['物业立即制止施工', '住建部门现场核查', '责令恢复原状并组织安全鉴定', '依法处罚'],
    closing: '违规施工已停止，结构已恢复或经鉴定安全',
  },
  {
    ss: '08', name: '装修噪声扰民', priority: 'disorder', lead: 'property_company', handle: working(8), radius: 50,
    verifier: 'grid_station',
    photoToFile: false,
    description: '住宅装修在休息时间施工，噪声扰民',
    steps: ['物业上门劝导', '约定装修作业时间', '复查'],
    closing: '装修在规定时间内作业，噪声扰民已消除',
  },
  {
    ss: '09', name: '老旧小区改造问题', priority: 'general', lead: 'housing_construction', handle: working(72), radius: 200,
    cohandlers: ['community'],
    photoToClose: true,
    anonymous: false,
    description: '老旧小区改造施工质量、进度或方案的意见',
    steps: ['联系反映人了解诉求', '会同施工单位现场核查', '督促整改或解释说明', '回访反映人'],
    closing: '问题已整改或已向反映人解释，回访无异议',
  },
  {
    ss: '10', name: '拖欠农民工工资', priority: 'general', lead: 'human_resources', handle: working(72), radius: 300,
    cohandlers: ['housing_construction'],
    anonymous: false,
    description: '建设项目拖欠农民工工资',
    steps: ['联系反映人核实欠薪情况', '约谈施工和建设单位', '督促限期支付', '回访反映人'],
    closing: '欠薪已支付，或已立案并告知反映人进展',
  },
]);

const socialServices = category('10', '社会事务与民生服务', 'street_center', [
  {
    ss: '01', name: '停水停气', priority: 'general', lead: 'utilities', handle: working(24), radius: 300,
    description: '无通知停水、停气或水压气压不足',
    steps: ['查明停供原因', '抢修或恢复供应', '告知居民恢复时间'],
    closing: '已恢复供应，或已告知居民原因和恢复时间',
  },
  {
    ss: '02', name: '停电', priority: 'general', lead: 'utilities', handle: working(24), radius: 300,
    description: '无通知停电或电压不稳',
    steps: ['查明停电原因', '抢修或恢复供电', '告知居民恢复时间'],
    closing: '已恢复供电，或已告知居民原因和恢复时间',
  },
  {
    ss: '03', name: '供水管道爆裂', priority: 'danger', lead: 'utilities', handle: natural(4), radius: 100,
    cohandlers: ['municipal_works'],
    description: '供水管道爆裂，路面冒水或大量漏水',
    steps: ['关闭阀门，设置警示', '抢修管道', '恢复路面', '告知受影响居民恢复供水'],
    closing: '管道已修复，恢复供水，路面恢复',
  },
  {
    ss: '04', name: '社保就业咨询', priority: 'general', lead: 'human_resources', handle: working(72), radius: 0,
    anonymous: false,
    description: '社保参保、就业登记、技能培训等咨询',
    steps: ['联系咨询人了解诉求', '解答政策或协助办理', '回访咨询人'],
    closing: '已答复咨询人或协助办结',
  },
  {
    ss: '05', name: '社会救助', priority: 'general', lead: 'civil_affairs', handle: working(72), radius: 0,
    cohandlers: ['community'],
    anonymous: false,
    description: '低保、特困、临时救助的申请和咨询',
    steps: ['联系申请人了解情况', '社区入户核查', '指导申请或按程序办理', '回访申请人'],
    closing: '已按程序受理或答复申请人',
  },
  {
    ss: '06', name: '养老服务', priority: 'general', lead: 'civil_affairs', handle: working(72), radius: 0,
    cohandlers: ['community'],
    anonymous: false,
    description: '居家养老、助餐、适老化改造等需求',
    steps: ['联系老人或家属了解需求', '对接养老服务资源', '落实服务并回访'],
    closing: '服务需求已对接落实或已答复',
  },
  {
    ss: '07', name: '重点人员异常情况', priority: 'danger', lead: 'community', handle: natural(2), radius: 30,
    cohandlers: ['police_station', 'civil_affairs'],
    anonymous: false,
    description: '独居老人、特困人员等重点服务对象联系不上或出现异常',
    steps: ['网格员和社区立即上门查看', '联系家属', '必要时报警并联系急救', '落实后续帮扶措施'],
    closing: '已确认当事人安全并落实帮扶，或已移交急救、公安处置',
  },
  {
    ss: '08', name: '医疗卫生服务', priority: 'general', lead: 'health', handle: working(72), radius: 0,
    anonymous: false,
    description: '社区医疗、疫苗接种、家庭医生签约等问题',
    steps: ['联系反映人了解诉求', '协调社区卫生服务中心', '答复反映人'],
    closing: '问题已解决或已答复反映人',
  },
  {
    ss: '09', name: '入学教育咨询', priority: 'general', lead: 'education', handle: working(72), radius: 0,
    anonymous: false,
    description: '入学划片、转学、托育等咨询',
    steps: ['联系咨询人了解诉求', '解答政策', '回访咨询人'],
    closing: '已答复咨询人',
  },
  {
    ss: '10', name: '残疾人服务', priority: 'general', lead: 'civil_affairs', handle: working(72), radius: 0,
    cohandlers: ['community'],
    anonymous: false,
    description: '残疾人证办理、补贴、无障碍设施等诉求',
    steps: ['联系反映人了解诉求', '协助办理或对接资源', '回访反映人'],
    closing: '已协助办结或答复反映人',
  },
  {
    ss: '11', name: '流浪乞讨人员', priority: 'general', lead: 'civil_affairs', handle: working(24), radius: 300,
    cohandlers: ['police_station'],
    description: '街面流浪乞讨人员，需要救助或护送',
    steps: ['现场劝导并询问情况', '护送至救助站', '需要医疗的联系急救', '拍照回单'],
    closing: '当事人已接受救助或护送，拒绝救助的已登记并告知救助渠道',
  },
  {
    ss: '12', name: '政策咨询与建议', priority: 'general', lead: 'street_center', handle: working(72), radius: 0,
    anonymous: false,
    description: '对政策、公共服务和城市管理的咨询与建议',
    steps: ['联系反映人了解诉求', '转相关部门研究', '答复反映人'],
    closing: '已答复反映人',
  },
]);

const communityGovernance = category('11', '社区治理与矛盾纠纷', 'grid_station', [
  {
    ss: '01', name: '邻里纠纷', priority: 'general', lead: 'community', handle: working(72), radius: 30,
    anonymous: false,
    description: '噪声、漏水、占用公共空间等邻里矛盾',
    steps: ['联系双方了解情况', '社区组织调解', '调解不成的引导依法解决', '回访当事人'],
    closing: '达成调解或已引导依法解决，回访无激化',
  },
  {
    ss: '02', name: '物业与业主纠纷', priority: 'general', lead: 'community', handle: working(72), radius: 100,
    cohandlers: ['property_company', 'housing_construction'],
    anonymous: false,
    description: '物业收费、服务、公共收益等物业与业主之间的纠纷',
    steps: ['联系双方了解诉求', '社区召集物业、业委会协商', '住建部门依规指导', '回访当事人'],
    closing: '双方达成一致或已明确处理意见，回访当事人',
  },
  {
    ss: '03', name: '婚姻家庭纠纷', priority: 'general', lead: 'community', handle: working(72), radius: 0,
    cohandlers: ['civil_affairs'],
    anonymous: false,
    description: '婚姻、赡养、抚养等家庭矛盾',
    steps: ['上门了解情况', '调解疏导', '涉及家暴的立即报警', '回访当事人'],
    closing: '矛盾已调解或已转相关部门处理，回访无激化',
  },
  {
    ss: '04', name: '劳动争议', priority: 'general', lead: 'human_resources', handle: working(72), radius: 0,
    anonymous: false,
    description: '劳动合同、工资、工伤等劳动争议',
    steps: ['联系反映人核实情况', '组织调解', '调解不成的引导劳动仲裁', '回访反映人'],
    closing: '争议已调解或已引导仲裁，回访反映人',
  },
  {
    ss: '05', name: '房屋租赁纠纷', priority: 'general', lead: 'community', handle: working(72), radius: 30,
    cohandlers: ['police_station'],
    anonymous: false,
    description: '租金、押金、退租等租赁纠纷',
    steps: ['联系双方了解情况', '社区组织调解', '涉及治安的移交派出所', '回访当事人'],
    closing: '纠纷已调解或已引导依法解决',
  },
  {
    ss: '06', name: '业委会成立与运作', priority: 'general', lead: 'community', handle: working(72), radius: 100,
    cohandlers: ['housing_construction'],
    anonymous: false,
    description: '业主委员会选举、换届、履职中的问题',
    steps: ['了解业主诉求', '社区依规指导', '住建部门监督', '答复反映人'],
    closing: '已依规指导处理并答复反映人',
  },
  {
    ss: '07', name: '不文明养犬', priority: 'disorder', lead: 'police_station', handle: working(24), radius: 100,
    cohandlers: ['community'],
    description: '遛狗不牵绳、犬只扰民、未清理犬只粪便',
    steps: ['现场劝导犬主', '社区开展文明养犬宣传', '屡教不改的依法处理'],
    closing: '犬主已整改，无犬只扰民',
  },
  {
    ss: '08', name: '流浪动物', priority: 'disorder', lead: 'urban_management', handle: working(24), radius: 200,
    description: '流浪猫狗聚集，影响居民安全和环境卫生',
    steps: ['核实流浪动物数量和位置', '组织捕捉收容', '对伤人动物重点处置', '拍照回单'],
    closing: '流浪动物已收容，或已落实防范措施',
  },
  {
    ss: '09', name: '群体性矛盾隐患', priority: 'danger', lead: 'police_station', handle: natural(2), radius: 300,
    cohandlers: ['street_center', 'community'],
    anonymous: false,
    description: '多人聚集上访、对峙，可能激化的矛盾',
    steps: ['派出所现场维持秩序', '街道、社区了解诉求并疏导', '明确责任部门限期答复', '跟踪稳控'],
    closing: '现场秩序恢复，诉求已明确责任部门并答复',
  },
  {
    ss: '10', name: '议事协商决议落实', priority: 'general', lead: 'community', handle: working(72), radius: 100,
    cohandlers: ['property_company'],
    photoToClose: true,
    anonymous: false,
    description: '居民议事协商形成的决议需要落实，如增设电动自行车充电棚',
    steps: ['社区向相关方通报决议', '明确落实责任方和完成时间', '跟踪落实进度并告知居民', '验收'],
    closing: '决议事项已落实或已明确实施计划并告知居民',
  },
]);

export const baoheCatalog: Catalog = {
  version: 1,
  publishedAt: '2026-01-01T00:00:00+08:00',
  categories: [
    cityAppearance,
    roadsAndFacilities,
    greening,
    trafficOrder,
    propertyManagement,
    publicSafety,
    marketOrder,
    environment,
    housingAndConstruction,
    socialServices,
    communityGovernance,
  ],
};

import type { RiskRule, VisitCategory, VisitCategoryConfig, VisitQuestion } from './types';

// The usual ladder of the district's visit work (走访频次): high risk weekly and escalated within a
// working day, key monthly, general quarterly. Categories below take it unless their rules differ.
const red: RiskRule = {
  frequency: { every: { days: 7 }, onDayOff: 'keep' },
  warnBefore: { hours: 24 },
  escalations: [
    { to: 'grid_leader', after: { hours: 24 } },
    { to: 'community', after: { hours: 48 } },
  ],
};
const yellow: RiskRule = {
  frequency: { every: { months: 1 }, onDayOff: 'next_working_day' },
  warnBefore: { workingDays: 3 },
  escalations: [
    { to: 'grid_leader', after: { workingDays: 2 } },
    { to: 'community', after: { workingDays: 5 } },
  ],
};
const blue: RiskRule = {
  frequency: { every: { months: 3 }, onDayOff: 'next_working_day' },
  warnBefore: { workingDays: 5 },
  escalations: [
    { to: 'grid_leader', after: { workingDays: 5 } },
    { to: 'community', after: { workingDays: 10 } },
  ],
};
const ladder = { red, yellow, blue };

const q = (key: string, label: string, kind: VisitQuestion['kind'], extra: Partial<VisitQuestion> = {}): VisitQuestion => ({ key, label, kind, required: true, sensitive: false, ...extra });
const livingAlone = [q('livesAlone', '是否独居', 'boolean'), q('safetyHazard', '居家安全隐患', 'text', { required: false })];
const health = q('healthNote', '身体状况', 'text', { sensitive: true });

/** The nine key-service-population categories of Baohe (九类重点服务人群), with their owners and rules. */
export const baoheVisitCategories: VisitCategoryConfig = {
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  categories: [
    { code: 'elderly', name: '高龄老人', ownerUnitType: 'civil_affairs', handledBy: ['grid_member', 'grid_leader'], rules: ladder, questions: [...livingAlone, health] },
    {
      code: 'elderly_alone',
      name: '独居、空巢及特殊困难老人',
      ownerUnitType: 'civil_affairs',
      handledBy: ['grid_member', 'grid_leader'],
      rules: ladder,
      majorChangeWithinHours: 24,
      questions: [...livingAlone, health, q('emergencyContactReachable', '紧急联系人可联系', 'boolean')],
    },
    { code: 'extreme_poverty', name: '特困供养人员', ownerUnitType: 'civil_affairs', handledBy: ['grid_member', 'grid_leader'], rules: ladder, questions: [q('supportReceived', '供养金按时到位', 'boolean'), health] },
    { code: 'low_income', name: '低保、低收入家庭', ownerUnitType: 'civil_affairs', handledBy: ['grid_member', 'grid_leader'], rules: ladder, questions: [q('incomeChange', '家庭收入变化', 'text', { required: false, sensitive: true })] },
    {
      code: 'severe_disability',
      name: '重度残疾人',
      ownerUnitType: 'disabled_persons_federation',
      handledBy: ['grid_member', 'grid_leader'],
      rules: ladder,
      questions: [q('caregiver', '照护人', 'text', { sensitive: true }), q('assistiveDevice', '辅具需求', 'text', { required: false })],
    },
    {
      code: 'children_difficulty',
      name: '困境儿童、留守儿童',
      ownerUnitType: 'civil_affairs',
      handledBy: ['grid_member', 'grid_leader'],
      rules: ladder,
      majorChangeWithinHours: 24,
      questions: [q('guardianPresent', '监护人在位', 'boolean'), q('schooling', '就学情况', 'choice', { options: ['在读', '辍学', '未到学龄'] })],
    },
    {
      code: 'severe_mental_disorder',
      name: '严重精神障碍患者',
      ownerUnitType: 'health',
      // Visited by the grid leader with the health centre and the police station, not by a member alone.
      handledBy: ['grid_leader'],
      // Unstable means red: weekly, and within 24 hours of a discharge or a guardian's change.
      rules: ladder,
      majorChangeWithinHours: 24,
      minVisitsPerYear: 4,
      signOffOnDanger: ['health', 'police_station'],
      questions: [
        q('guardian', '监护人', 'text', { sensitive: true }),
        q('dangerGrade', '危险性评估等级（0–5级）', 'integer', { min: 0, max: 5, sensitive: true }),
        q('medication', '服药情况', 'choice', { options: ['规律服药', '间断服药', '未服药'], sensitive: true }),
      ],
    },
    { code: 'family_planning_special', name: '计划生育特殊家庭', ownerUnitType: 'health', handledBy: ['grid_member', 'grid_leader'], rules: ladder, questions: [q('needs', '帮扶需求', 'text', { required: false, sensitive: true })] },
    { code: 'veterans_entitled', name: '退役军人及优抚对象家庭', ownerUnitType: 'veterans_affairs', handledBy: ['grid_member', 'grid_leader'], rules: ladder, questions: [q('benefitsReceived', '优抚待遇落实', 'boolean'), q('needs', '帮扶需求', 'text', { required: false })] },
  ],
};

/** 社区矫正: what a district adds for the justice office; no code knows of it (tests use it to prove that). */
export const communityCorrectionCategory: VisitCategory = {
  code: 'community_correction',
  name: '社区矫正对象',
  ownerUnitType: 'justice',
  handledBy: ['grid_leader'],
  rules: ladder,
  majorChangeWithinHours: 24,
  questions: [q('reportedOnTime', '按时报到', 'boolean'), q('note', '表现情况', 'text', { required: false, sensitive: true })],
};

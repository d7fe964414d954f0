/**
 * The two cases of the People's Daily report on Baohe (see domain.md), played through the machine.
 */
import { describe, expect, it } from 'vitest';
import type { Subcategory } from '../catalog/types';
import type { UnitType } from '../domain/places';
import { allowedEvents, dueSystemEvents, fileCase, transition, type FileCaseInput } from './machine';
import { bj, buildActor, buildContext, buildSubcategory, fixtures, runStory, type StoryStep } from './testing';
import type { CaseRecord, Effect } from './types';

const streetDispatcher = buildActor('street_dispatcher');
const districtDispatcher = buildActor('district_dispatcher');
const gridMember = buildActor('grid_member');
const gridLeader = buildActor('grid_leader');
const system = buildActor('system');

function file(input: Partial<FileCaseInput> & Pick<FileCaseInput, 'id' | 'title' | 'source' | 'reporter'>, sub: Subcategory, at: Date) {
  const result = fileCase(
    {
      number: `BH-${input.id}`,
      catalogVersion: 1,
      description: input.title,
      address: '包河区某路口',
      streetCode: fixtures.streetCode,
      gridCode: fixtures.gridCode,
      photos: ['photo-before'],
      ...input,
    },
    buildContext(input.reporter.accountId === gridMember.id ? gridMember : buildActor('resident'), at, sub),
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.next;
}

const notified = (effects: Effect[]) => effects.flatMap((e) => (e.type === 'notify' ? [e.audience] : []));

describe('the junction: one patrol finds four problems, the district sends each to its owner', () => {
  const problems: { code: string; name: string; owner: UnitType; unitCode: string }[] = [
    { code: '08.01', name: '违法停车', owner: 'traffic_police', unitCode: 'U-ST01-TRAFFIC' },
    { code: '02.03', name: '建筑垃圾', owner: 'sanitation', unitCode: 'U-ST01-SANITATION' },
    { code: '06.01', name: '人行道破损', owner: 'municipal_works', unitCode: 'U-MUNICIPAL' },
    { code: '07.02', name: '绿化带损毁', owner: 'greening', unitCode: 'U-GREENING' },
  ];
  const patrol = bj('2026-03-09T09:00');

  it('closes four cases at the district tier, each handled by its own unit', () => {
    const closed = problems.map((p, i) => {
      const sub = buildSubcategory({ code: p.code, name: p.name, priority: 'visibility', cohandlers: [] });
      const filed = file(
        {
          id: `junction-${i + 1}`,
          title: p.name,
          source: 'grid_patrol',
          reporter: { accountId: gridMember.id, role: 'grid_member', name: gridMember.name, anonymous: false },
        },
        sub,
        patrol,
      );
      const unit = buildActor('department', { unitCode: p.unitCode });
      const steps: StoryStep[] = [
        { actor: streetDispatcher, event: { type: 'accept' }, at: bj('2026-03-09T09:20') },
        { actor: streetDispatcher, event: { type: 'escalate', reason: '涉及交警、环卫、市政、园林多个部门，需区中心统一调度' }, at: bj('2026-03-09T09:30') },
        { actor: districtDispatcher, event: { type: 'dispatch', leadUnitCode: p.unitCode, leadUnitType: p.owner }, at: bj('2026-03-09T10:00') },
        { actor: unit, event: { type: 'claim' }, at: bj('2026-03-09T10:30') },
      ];
      if (p.owner === 'greening') {
        // Re-turfed now; the shrubs wait for the planting season, and the clock waits with them.
        steps.push(
          { actor: unit, event: { type: 'progress', note: '已补种草皮，苗木待种植季补植', photos: ['turf'] }, at: bj('2026-03-09T16:00') },
          { actor: districtDispatcher, event: { type: 'suspend', reason: '等待春季种植时节补植苗木', until: bj('2026-03-23T08:30') }, at: bj('2026-03-09T16:30') },
        );
      }
      let record = runStory(filed, steps, sub).record;
      if (record.status === 'suspended') {
        const due = dueSystemEvents(record, bj('2026-03-23T08:30'));
        expect(due).toEqual([{ type: 'resume' }]);
        record = runStory(record, [{ actor: system, event: due[0], at: bj('2026-03-23T08:30') }], sub).record;
        // Five working hours of sixteen were used before the suspension; eleven remain from 23 March.
        expect(record.clock?.deadline).toEqual(bj('2026-03-24T12:00'));
      }
      const done = bj(p.owner === 'greening' ? '2026-03-24T11:00' : '2026-03-10T15:00');
      return runStory(
        record,
        [
          { actor: unit, event: { type: 'resolve', note: `${p.name}已处置`, photos: ['after'] }, at: done },
          { actor: gridMember, event: { type: 'verify', note: '现场复核通过' }, at: new Date(done.getTime() + 3_600_000) },
          { actor: districtDispatcher, event: { type: 'close' }, at: new Date(done.getTime() + 2 * 3_600_000) },
        ],
        sub,
      ).record;
    });

    expect(closed.map((c) => [c.status, c.tier, c.assignment.leadUnitCode])).toEqual(
      problems.map((p) => ['closed', 'district', p.unitCode]),
    );
    const greening = closed[3];
    expect(greening.timeline.map((e) => e.type)).toEqual([
      'file', 'accept', 'escalate', 'dispatch', 'claim', 'progress', 'suspend', 'resume', 'resolve', 'verify', 'close',
    ]);
    expect(greening.timeline.map((e) => e.seq)).toEqual(greening.timeline.map((_, i) => i + 1));
    // The grid member found the problem, but rating and reopening are the residents' own.
    expect(allowedEvents(closed[0], gridMember, bj('2026-03-11T09:00'))).toEqual([]);
  });

  it('leaves the street watching once the district has taken the case', () => {
    const sub = buildSubcategory({ code: '08.01', name: '违法停车' });
    const filed = file(
      { id: 'junction-x', title: '违法停车', source: 'grid_patrol', reporter: { accountId: gridMember.id, role: 'grid_member', name: '网格员', anonymous: false } },
      sub,
      patrol,
    );
    const escalated = runStory(
      filed,
      [
        { actor: streetDispatcher, event: { type: 'accept' }, at: bj('2026-03-09T09:20') },
        { actor: streetDispatcher, event: { type: 'escalate', reason: '需区中心协调交警' }, at: bj('2026-03-09T09:30') },
      ],
      sub,
    ).record;
    expect(allowedEvents(escalated, streetDispatcher, bj('2026-03-09T09:40'))).toEqual(['progress']);
    expect(allowedEvents(escalated, districtDispatcher, bj('2026-03-09T09:40'))).toEqual([
      'dispatch',
      'progress',
      'suspend',
      'merge',
      'urge',
      'supervise',
      'publish_summary',
    ]);
  });
});

describe('the elevator: a resident reports a sudden drop; property lead, market supervision joins, district supervises', () => {
  const sub = buildSubcategory(); // 05.02 电梯故障, photos required to close
  const resident = buildActor('resident');
  const property = buildActor('property_manager'); // U-PM-001, the compound's property company
  const market = buildActor('department', { unitCode: fixtures.cohandler.unitCode });

  const story: StoryStep[] = [
    { actor: gridLeader, event: { type: 'accept', note: '已电话联系居民，安抚情绪' }, at: bj('2026-03-09T09:10') },
    { actor: gridMember, event: { type: 'progress', note: '已会同物业到场，电梯停用并设置警示', photos: ['site-1'] }, at: bj('2026-03-09T09:40') },
    {
      actor: streetDispatcher,
      event: { type: 'dispatch', leadUnitCode: fixtures.leadUnit.unitCode, leadUnitType: 'property_company', cohandlers: [fixtures.cohandler] },
      at: bj('2026-03-09T10:00'),
    },
    { actor: property, event: { type: 'claim', note: '维保单位已到场检测' }, at: bj('2026-03-09T10:20') },
    { actor: property, event: { type: 'progress', note: '确认为控制系统软件故障，物业及维保单位无法自行修复' }, at: bj('2026-03-09T14:00') },
    { actor: streetDispatcher, event: { type: 'escalate', reason: '需电梯厂家和区市场监管局介入' }, at: bj('2026-03-09T14:30') },
    { actor: districtDispatcher, event: { type: 'supervise', note: '区中心督办，要求48小时内恢复运行' }, at: bj('2026-03-09T15:00') },
    { actor: market, event: { type: 'progress', note: '已约谈电梯厂家，厂家明日到场升级控制软件' }, at: bj('2026-03-09T16:00') },
    { actor: property, event: { type: 'progress', note: '厂家技术人员到场升级软件' }, at: bj('2026-03-10T09:00') },
    { actor: property, event: { type: 'resolve', note: '软件升级完成，经检验合格恢复运行', photos: ['report', 'running'] }, at: bj('2026-03-10T15:00') },
    { actor: gridMember, event: { type: 'verify', note: '现场试乘正常，居民认可' }, at: bj('2026-03-10T16:00') },
    { actor: districtDispatcher, event: { type: 'close' }, at: bj('2026-03-10T16:30') },
    { actor: resident, event: { type: 'rate', resolved: 'yes', satisfaction: 5, comment: '处理及时，全程有反馈' }, at: bj('2026-03-10T20:00') },
  ];

  function filed(): CaseRecord {
    return file(
      {
        id: 'elevator-1',
        title: '电梯突然下坠',
        source: 'resident_app',
        compoundCode: fixtures.compoundCode,
        buildingCode: 'B03',
        reporter: { accountId: fixtures.reporterId, role: 'resident', name: '王女士', anonymous: false },
      },
      sub,
      bj('2026-03-09T08:50'),
    );
  }

  it('ends closed, rated, supervised at the district, with the reporter told at every step', () => {
    const { record, results } = runStory(filed(), story, sub);
    expect(record).toMatchObject({
      status: 'closed',
      tier: 'district',
      supervised: true,
      assignment: { leadUnitCode: 'U-PM-001', cohandlers: [fixtures.cohandler] },
      rating: { resolved: 'yes', satisfaction: 5 },
    });
    const toldReporter = results.map((r) => notified(r.effects).includes('reporter'));
    const stepTypes = story.map((s) => s.event.type);
    // Residents see the whole process: every step but internal checks and their own rating reaches them.
    expect(stepTypes.filter((_, i) => !toldReporter[i])).toEqual(['escalate', 'supervise', 'verify', 'rate']);
    expect(results.every((r) => r.effects.at(-1)?.type === 'publish')).toBe(true);
  });

  it('keeps each party to its part along the way', () => {
    const { results } = runStory(filed(), story, sub);
    const afterEscalation = results[5].next;
    const at = bj('2026-03-09T14:45');
    expect(allowedEvents(afterEscalation, market, at)).toEqual(['progress']);
    expect(allowedEvents(afterEscalation, property, at)).toEqual(['return', 'progress', 'resolve']);
    expect(allowedEvents(afterEscalation, streetDispatcher, at)).toEqual(['progress']);
    expect(allowedEvents(afterEscalation, resident, at)).toEqual([]);
    const marketResolves = transition(afterEscalation, { type: 'resolve', note: '已修复', photos: ['x'] }, buildContext(market, at, sub));
    expect(marketResolves.ok).toBe(false);

    const closed = results[11].next;
    expect(allowedEvents(closed, resident, bj('2026-03-11T09:00'))).toEqual(['reopen', 'rate']);
    expect(allowedEvents(results[12].next, resident, bj('2026-03-11T09:00'))).toEqual(['reopen']);
    expect(allowedEvents(results[12].next, resident, bj('2026-03-18T09:00'))).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file, pointInGrid0101, uploadPhoto } from '../../testing/cases';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ label: 'stories' });
});
afterAll(async () => app.close());

describe('the junction story: one patrol finds four problems, four owners fix them', () => {
  const problems = [
    { subcategoryCode: '04.01', description: '路口多辆汽车违停，占用人行道和盲道', unit: 'U-ST01-TRAFFIC', unitType: 'traffic_police', handler: 'traffic01' },
    { subcategoryCode: '01.04', description: '路口东南角堆放装修建筑垃圾约两方', unit: 'U-ST01-SANITATION', unitType: 'sanitation', handler: 'sanitation01' },
    { subcategoryCode: '02.02', description: '路口人行道板破损翘起，行人易绊倒', unit: 'U-ST01-MUNICIPAL', unitType: 'municipal_works', handler: 'municipal01' },
    { subcategoryCode: '03.01', description: '路口绿化带被车辆碾压，出现大片裸土', unit: 'U-ST01-GREENING', unitType: 'greening', handler: 'greening01' },
  ];

  it('routes each to the grid and street of the place, escalates to the district, and closes each with its own unit', async () => {
    for (const problem of problems) {
      const photo = await uploadPhoto(app, 'member0101');
      const filed = await file(app, 'member0101', { subcategoryCode: problem.subcategoryCode, description: problem.description, location: pointInGrid0101, photos: [photo] });
      expect(filed).toMatchObject({ status: 'submitted', grid: { code: 'ST01-G01' }, street: { code: 'ST01' }, source: 'grid_patrol' });
      expect(filed.number).toMatch(/^BH\d{8}-\d{6}$/);

      await act(app, 'street01', filed.id, 'accept', { note: '街道中心受理' });
      const escalated = await act(app, 'street01', filed.id, 'escalate', { reason: '涉及多个部门，提请区中心统一调度' });
      expect(escalated.tier).toBe('district');
      // Once the district supervises, the street may only watch and add notes.
      expect(escalated.allowedEvents.map((e: { type: string }) => e.type)).toEqual(['progress']);

      const dispatched = await act(app, 'district', filed.id, 'dispatch', { leadUnitCode: problem.unit, leadUnitType: problem.unitType });
      expect(dispatched.assignment.leadUnit.code).toBe(problem.unit);
      await act(app, problem.handler, filed.id, 'claim');
      const evidence = await uploadPhoto(app, problem.handler, 1);
      await act(app, problem.handler, filed.id, 'resolve', { note: '已处置完毕', photos: [evidence] });
      await act(app, 'member0101', filed.id, 'verify', { note: '现场核查合格' });
      const closed = await act(app, 'district', filed.id, 'close');
      expect(closed.status).toBe('closed');
      expect(closed.timeline.map((entry: { type: string }) => entry.type)).toEqual(['file', 'accept', 'escalate', 'dispatch', 'claim', 'resolve', 'verify', 'close']);
    }
    const { body } = await app.server.request('GET', '/api/v1/cases?view=inbox&group=closed', { token: await app.token('district') });
    expect(body.items).toHaveLength(4);
  });
});

describe('the elevator story: property company leads, market supervision joins, the district supervises', () => {
  it('keeps the resident informed at every step and takes the rating', async () => {
    const filed = await file(app, 'resident01', {
      subcategoryCode: '05.01',
      description: '3栋电梯运行中突然下坠，有人被困后自行脱困，大家不敢再坐',
      compoundCode: 'C001',
      buildingCode: 'C001-B03',
      contactPhone: '13955112233',
    });
    expect(filed).toMatchObject({ status: 'submitted', priority: 'danger', compound: { code: 'C001' }, source: 'resident_app' });
    expect(filed.reporter.phone).toBe('13955112233');

    await act(app, 'street01', filed.id, 'accept');
    await act(app, 'street01', filed.id, 'dispatch', {
      leadUnitCode: 'U-PM-030',
      leadUnitType: 'property_company',
      cohandlers: [{ unitCode: 'U-ST01-MARKET', unitType: 'market_supervision' }],
    });
    // The property company sees the reporter's number to call back; the cohandler sees it masked.
    const pmView = await app.server.request('GET', `/api/v1/cases/${filed.id}`, { token: await app.token('pm01') });
    expect(pmView.body.reporter.phone).toBe('13955112233');
    const marketView = await app.server.request('GET', `/api/v1/cases/${filed.id}`, { token: await app.token('dept-market01') });
    expect(marketView.body.reporter.phone).toBe('139****2233');

    await act(app, 'pm01', filed.id, 'claim', { note: '物业已到场，电梯已停运并张贴告示' });
    await act(app, 'pm01', filed.id, 'progress', { note: '经检查为控制系统软件故障，物业无法自行修复' });
    await act(app, 'street01', filed.id, 'escalate', { reason: '需协调电梯厂家及区市场监管局' });
    await act(app, 'district', filed.id, 'supervise', { note: '区中心督办，请厂家48小时内到场' });
    await act(app, 'dept-market01', filed.id, 'progress', { note: '市场监管所已约谈厂家，厂家到场升级控制软件' });
    await act(app, 'pm01', filed.id, 'resolve', { note: '厂家完成软件升级，检验合格后恢复运行', photos: [await uploadPhoto(app, 'pm01')] });
    await act(app, 'member0101', filed.id, 'verify');
    await act(app, 'district', filed.id, 'close', { note: '经检验合格，结案' });

    const mine = await app.server.request('GET', `/api/v1/cases/${filed.id}`, { token: await app.token('resident01') });
    expect(mine.body.view).toBe('full');
    expect(mine.body.timeline.map((e: { label: string }) => e.label)).toEqual(['上报', '受理', '派单', '接单', '处置进展', '上报区中心', '督办', '处置进展', '回单', '审核通过', '结案']);
    expect(mine.body.allowedEvents.map((e: { type: string }) => e.type).sort()).toEqual(['rate', 'reopen']);

    const rated = await act(app, 'resident01', filed.id, 'rate', { resolved: 'yes', satisfaction: 5, comment: '处理及时，谢谢' });
    expect(rated.rating).toMatchObject({ resolved: 'yes', satisfaction: 5 });

    const stranger = await app.server.request('GET', `/api/v1/cases/${filed.id}`, { token: await app.token('resident02') });
    expect(stranger.body.view).toBe('public');
    expect(stranger.body).not.toHaveProperty('reporter');
    expect(JSON.stringify(stranger.body)).not.toContain('13955112233');
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baoheCatalog } from '../../shared/catalog/baohe-catalog';
import type { Subcategory } from '../../shared/catalog/types';
import { attributeDatatypes } from '../../shared/open311/services';
import { detailedStatuses } from '../../shared/open311/requests';
import { startTestApp, type TestApp } from '../testing/app';
import { parseXml, plainOfJson, plainOfXml } from '../testing/open311';
import { startTestServer, type TestServer } from '../testing/http';
import { createApp } from '../http/app';
import { fileAndFollow } from '../cli/open311-client';

/**
 * GeoReport v2 conformance, from the spec's text (wiki.open311.org/GeoReport_v2) and FixMyStreet's
 * extensions: every endpoint in both formats with the same content, lists as arrays even for one
 * item, required fields and enums, the 90-day window, the error list and its status codes, UTF-8
 * Chinese, API keys (refused, revoked, rate-limited) and the privacy policy's masking.
 */

let app: TestApp;
let server: TestServer;
let apiKey: string;
let keyId: string;
const NOW = '2026-11-20T10:00:00+08:00';
const DAY = 24 * 3600 * 1000;

const photoless = (sub: Subcategory) => !sub.photoRequiredToFile && sub.anonymousAllowed;
const service = baoheCatalog.categories.flatMap((category) => category.subcategories).find(photoless)!;
const photoService = baoheCatalog.categories.flatMap((category) => category.subcategories).find((sub) => sub.photoRequiredToFile)!;
const namedService = baoheCatalog.categories.flatMap((category) => category.subcategories).find((sub) => !sub.anonymousAllowed)!;
let compound: string;

async function get(path: string): Promise<{ status: number; type: string | null; text: string; headers: Headers }> {
  const response = await fetch(`${server.url}/open311/v2/${path}`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text(), headers: response.headers };
}

/** GETs `path` as .json and as .xml, checks both parse, and that they say the same; answers the JSON. */
async function both(path: string, root: string, status = 200): Promise<unknown> {
  const [resource, query] = path.split('?');
  const suffix = query ? `?${query}` : '';
  const json = await get(`${resource}.json${suffix}`);
  const xml = await get(`${resource}.xml${suffix}`);
  expect(json.status, json.text).toBe(status);
  expect(xml.status, xml.text).toBe(status);
  expect(json.type).toBe('application/json; charset=utf-8');
  expect(xml.type).toBe('text/xml; charset=utf-8');
  const parsed = parseXml(xml.text);
  expect(parsed.declaration.encoding?.toLowerCase()).toBe('utf-8');
  expect(parsed.root.name).toBe(root);
  const body = JSON.parse(json.text) as unknown;
  expect(plainOfXml(parsed.root)).toEqual(plainOfJson(body));
  return body;
}

function post(fields: Record<string, string>, format: 'json' | 'xml' = 'json', contentType = 'application/x-www-form-urlencoded; charset=utf-8') {
  return fetch(`${server.url}/open311/v2/requests.${format}`, { method: 'POST', headers: { 'content-type': contentType }, body: new URLSearchParams(fields).toString() });
}

const filing = (overrides: Record<string, string> = {}) => ({
  api_key: apiKey,
  service_code: service.code,
  address_id: compound,
  description: '小区门口的路灯坏了三天，晚上很黑',
  first_name: '小明',
  last_name: '王',
  phone: '13912345678',
  email: 'wang.xm@example.cn',
  ...overrides,
});

async function file(overrides: Record<string, string> = {}): Promise<{ service_request_id: string; token: string }> {
  const response = await post(filing(overrides));
  const body = (await response.json()) as { service_request_id: string; token: string }[];
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body[0]!;
}

async function issueKey(name: string) {
  const response = await app.server.request('POST', '/api/v1/admin/open311-keys', { token: await app.token('admin'), body: { name } });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as { id: string; key: string };
}

beforeAll(async () => {
  app = await startTestApp({ label: 'open311', district: 'fixture' });
  app.clock.set(NOW);
  // Three filings at once, then one a minute: small enough to reach in a test.
  server = await startTestServer(createApp({ ...app.deps, open311RateLimit: { perMinute: 1, burst: 40 } }));
  compound = [...app.reference.compounds.keys()][0]!;
  ({ key: apiKey, id: keyId } = await issueKey('市民热线对接测试'));
});

afterAll(async () => {
  await server?.close();
  await app?.close();
});

describe('Open311 GeoReport v2', () => {
  it('serves discovery, the 118 services and every definition, the same in JSON and XML', async () => {
    const discovery = (await both('discovery', 'discovery')) as { endpoints: { specification: string; url: string; formats: string[] }[]; changeset: string };
    expect(discovery.endpoints).toHaveLength(1);
    expect(discovery.endpoints[0]!.formats.sort()).toEqual(['application/json', 'text/xml']);
    expect(discovery.endpoints[0]!.url).toBe(`${server.url}/open311/v2`);
    expect(discovery.changeset).toMatch(/\+08:00$/);

    const services = (await both('services', 'services')) as Record<string, unknown>[];
    expect(services).toHaveLength(118);
    const definitions = await Promise.all(services.map((entry) => get(`services/${entry.service_code as string}.json`).then((r) => JSON.parse(r.text) as { service_code: string; attributes: Record<string, unknown>[] })));
    let attributes = 0;
    services.forEach((entry, index) => {
      for (const field of ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']) expect(entry, field).toHaveProperty(field);
      expect(typeof entry.metadata).toBe('boolean');
      expect(['realtime', 'batch', 'blackbox']).toContain(entry.type);
      const definition = definitions[index]!;
      expect(definition.service_code).toBe(entry.service_code);
      expect(entry.metadata).toBe(definition.attributes.length > 0);
      definition.attributes.forEach((attribute, order) => {
        attributes += 1;
        expect(attributeDatatypes).toContain(attribute.datatype);
        expect(attribute.order).toBe(order + 1);
        expect(typeof attribute.variable).toBe('boolean');
        expect(typeof attribute.required).toBe('boolean');
        if (String(attribute.datatype).endsWith('valuelist')) expect((attribute.values as unknown[]).length).toBeGreaterThan(0);
      });
    });
    expect(attributes).toBeGreaterThan(118 * 2);
    const group = baoheCatalog.categories.find((category) => category.subcategories.includes(service))!.name;
    expect(services.find((entry) => entry.service_code === service.code)).toMatchObject({ service_name: service.name, group });
    await both(`services/${photoService.code}`, 'service_definition');
  });

  it('files a case by form POST in either format, answers an id and a token, and the token maps to the id', async () => {
    const asJson = await file();
    expect(asJson.service_request_id).toMatch(/^[A-Za-z0-9_-]+$/);
    const asXml = await post(filing({ description: '路灯不亮，XML 客户端上报' }), 'xml');
    expect(asXml.status).toBe(201);
    const parsed = plainOfXml(parseXml(await asXml.text()).root) as { service_request_id: string; token: string }[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]!.service_request_id).toMatch(/^[A-Za-z0-9_-]+$/);

    const mapped = (await both(`tokens/${asJson.token}`, 'service_requests')) as { service_request_id: string; token: string }[];
    expect(mapped).toEqual([{ service_request_id: asJson.service_request_id, token: asJson.token }]);
    const stored = await app.deps.useCases.cases.load(asJson.service_request_id);
    expect(stored).toMatchObject({ source: 'open311', description: '小区门口的路灯坏了三天，晚上很黑', reporter: { name: '王小明', phone: '13912345678' } });
    await both('tokens/not-a-token', 'errors', 404);
  });

  it('shows a request as an array of one, with the required fields, dates in +08:00 and no personal data', async () => {
    const { service_request_id: id } = await file({ description: '楼下垃圾桶满溢无人清理，气味很大' });
    const [request, ...rest] = (await both(`requests/${id}`, 'service_requests')) as Record<string, unknown>[];
    expect(rest).toHaveLength(0);
    for (const field of ['service_request_id', 'status', 'service_code', 'service_name', 'requested_datetime', 'updated_datetime', 'address', 'lat', 'long']) expect(request, field).toHaveProperty(field);
    expect(request).toMatchObject({ service_request_id: id, status: 'open', service_code: service.code, service_name: service.name, extended_attributes: { detailed_status: 'OPEN' } });
    expect(request!.requested_datetime).toBe('2026-11-20T10:00:00+08:00');
    const text = JSON.stringify(request) + (await get(`requests/${id}.xml`)).text;
    for (const secret of ['王小明', '小明', '13912345678', '1391', 'wang.xm', '垃圾桶满溢']) expect(text).not.toContain(secret);
    await both('requests/nope', 'errors', 404);
  });

  it('lists the last 90 days by default, filters by service, status and ids, and refuses a window over 90 days', async () => {
    app.clock.set(new Date(Date.parse(NOW) - 100 * DAY));
    const old = await file({ description: '一百天前上报的路灯问题' });
    app.clock.set(NOW);
    const recent = await file({ description: '今天上报的路灯问题，灯杆歪斜' });
    const ids = (list: unknown) => (list as { service_request_id: string }[]).map((entry) => entry.service_request_id);

    const listed = ids(await both('requests', 'service_requests'));
    expect(listed).toContain(recent.service_request_id);
    expect(listed).not.toContain(old.service_request_id);
    expect(listed.length).toBeLessThanOrEqual(1000);
    const oldWindow = `start_date=${encodeURIComponent(new Date(Date.parse(NOW) - 101 * DAY).toISOString())}&end_date=${encodeURIComponent(new Date(Date.parse(NOW) - 99 * DAY).toISOString())}`;
    expect(ids(await both(`requests?${oldWindow}`, 'service_requests'))).toEqual([old.service_request_id]);
    expect(ids(await both(`requests?service_request_id=${old.service_request_id},${recent.service_request_id},missing`, 'service_requests')).sort()).toEqual([old.service_request_id, recent.service_request_id].sort());
    expect(ids(await both(`requests?service_code=${photoService.code}`, 'service_requests'))).toEqual([]);
    expect(ids(await both(`requests?service_code=${service.code}&status=open`, 'service_requests'))).toContain(recent.service_request_id);
    expect(ids(await both('requests?status=closed', 'service_requests'))).toEqual([]);

    const errors = (await both('requests?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 'errors', 400)) as { code: number; description: string }[];
    expect(errors).toEqual([{ code: 400, description: expect.stringContaining('90') }]);
    await both('requests?start_date=2026-06-01&end_date=2026-05-01', 'errors', 400);
    await both('requests?start_date=yesterday', 'errors', 400);
    await both('requests?status=pending', 'errors', 400);
  });

  it('follows a case through extended statuses and request updates, with the public summary in Chinese intact', async () => {
    const { service_request_id: id } = await file({ description: '人行道上的井盖松动，踩上去会响' });
    const summary = '井盖<松动>已登记 & 将于"周五"前更换，谢谢市民反映';
    const street = await app.token('street01');
    const accept = await app.server.request('POST', `/api/v1/cases/${id}/events/accept`, { token: street, body: { publicSummary: summary } });
    expect(accept.status, JSON.stringify(accept.body)).toBe(200);
    const [request] = (await both(`requests/${id}`, 'service_requests')) as Record<string, unknown>[];
    expect(request).toMatchObject({ status: 'open', description: summary, extended_attributes: { detailed_status: 'INVESTIGATING', status_label: '已受理' } });
    expect(detailedStatuses).toContain((request!.extended_attributes as { detailed_status: string }).detailed_status);

    const other = await file({ description: '邻居家装修噪音太大，想咨询一下' });
    const reject = await app.server.request('POST', `/api/v1/cases/${other.service_request_id}/events/reject`, { token: street, body: { reason: '不属于城市管理事项' } });
    expect(reject.status, JSON.stringify(reject.body)).toBe(200);
    expect(((await both(`requests/${other.service_request_id}`, 'service_requests')) as Record<string, unknown>[])[0]).toMatchObject({ status: 'closed', extended_attributes: { detailed_status: 'NOT_COUNCILS_RESPONSIBILITY' } });

    const since = encodeURIComponent(new Date(Date.parse(NOW) - DAY).toISOString());
    const updates = (await both(`servicerequestupdates?start_date=${since}`, 'service_request_updates')) as Record<string, unknown>[];
    const steps = updates.filter((update) => update.service_request_id === id);
    expect(steps.map((update) => [update.status, (update.extended_attributes as { detailed_status: string }).detailed_status])).toEqual([
      ['open', 'OPEN'],
      ['open', 'INVESTIGATING'],
    ]);
    for (const update of updates) for (const field of ['update_id', 'service_request_id', 'status', 'updated_datetime', 'description']) expect(update, field).toHaveProperty(field);
    expect(updates.find((update) => update.service_request_id === other.service_request_id && update.status === 'closed')).toBeDefined();
    const text = JSON.stringify(updates);
    expect(text).not.toContain('井盖松动，踩上去');
    expect(text).not.toContain('不属于城市管理事项');
  });

  it('refuses a filing without a valid key (403), with a revoked key (403), and over the rate (429 with Retry-After)', async () => {
    for (const key of [undefined, 'o311_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `${apiKey.slice(0, -1)}x`]) {
      const response = await post(filing(key === undefined ? { api_key: '' } : { api_key: key }));
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual([{ code: 403, description: 'api_key 无效' }]);
    }
    const spare = await issueKey('待吊销的对接');
    const admin = await app.token('admin');
    expect((await app.server.request('POST', `/api/v1/admin/open311-keys/${spare.id}/revoke`, { token: admin })).status).toBe(200);
    expect((await app.server.request('POST', `/api/v1/admin/open311-keys/${spare.id}/revoke`, { token: admin })).status).toBe(409);
    const revoked = await post(filing({ api_key: spare.key }), 'xml');
    expect(revoked.status).toBe(403);
    expect(plainOfXml(parseXml(await revoked.text()).root)).toEqual([{ code: '403', description: 'api_key 已被吊销' }]);

    const listed = await app.server.request('GET', '/api/v1/admin/open311-keys', { token: admin });
    expect(listed.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([keyId, spare.id]));
    expect(JSON.stringify(listed.body)).not.toContain(apiKey.slice(22));
    expect(JSON.stringify(listed.body)).not.toContain('secretHash');
    expect((await app.server.request('GET', '/api/v1/admin/open311-keys', { token: await app.token('street01') })).status).toBe(403);

    const limited = await issueKey('限速测试');
    const limitedServer = await startTestServer(createApp({ ...app.deps, open311RateLimit: { perMinute: 1, burst: 2 } }));
    try {
      const send = () => fetch(`${limitedServer.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(filing({ api_key: limited.key })).toString() });
      expect((await send()).status).toBe(201);
      expect((await send()).status).toBe(201);
      const third = await send();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await third.json()) as { code: number }[])[0]!.code).toBe(429);
      app.clock.advance(61_000);
      expect((await send()).status).toBe(201);
    } finally {
      app.clock.set(NOW);
      await limitedServer.close();
    }
  });

  it('answers bad filings with the error list and a 4xx, never a case', async () => {
    const before = ((await both('requests', 'service_requests')) as unknown[]).length;
    const cases: [Record<string, string>, number, string][] = [
      [{ service_code: '99.99' }, 400, 'service_code'],
      [{ address_id: '', lat: '', long: '' }, 400, 'lat'],
      [{ description: '短' }, 400, 'description'],
      [{ phone: '12345' }, 400, 'phone'],
      [{ 'attribute[anonymous]': 'maybe' }, 400, 'attribute[anonymous]'],
      [{ service_code: namedService.code, 'attribute[anonymous]': 'true' }, 422, '匿名'],
      [{ address_id: 'C-NOWHERE' }, 400, 'address_id'],
    ];
    for (const [overrides, status, mention] of cases) {
      const response = await post(filing(overrides));
      const body = (await response.json()) as { code: number; description: string }[];
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(body.length).toBeGreaterThan(0);
      for (const error of body) expect(error.code).toBe(status);
      expect(body.map((error) => error.description).join()).toContain(mention);
    }
    // The app asks for a photo there; an Open311 client has none to give, so the case is filed without.
    const photoFiling = await post(filing({ service_code: photoService.code }));
    expect(photoFiling.status, await photoFiling.clone().text()).toBe(201);
    expect((await post(filing(), 'json', 'application/json')).status).toBe(415);
    expect(((await both('requests', 'service_requests')) as unknown[]).length).toBe(before + 1);

    expect((await get('services.csv')).status).toBe(400);
    expect((await get('services')).status).toBe(404);
    await both('services/99.99', 'errors', 404);
    await both('nothing-here', 'errors', 404);
    await both('services/%E0%A4%A', 'errors', 400);
    expect(((await both('requests?__proto__=x&constructor=y&jurisdiction_id=baohe', 'service_requests')) as unknown[]).length).toBe(before + 1);
    const wrongMethod = await fetch(`${server.url}/open311/v2/services.json`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a client script files a case and follows it, and Chinese reaches the case byte for byte', async () => {
    const description = '公园东门路灯全灭——“夜跑”不安全；温度<5℃ & 路面结冰';
    const followed = await fileAndFollow(server.url, apiKey, { serviceCode: service.code, addressId: compound, description, lastName: '李', firstName: '华' }, new Date(Date.parse(NOW) - DAY));
    expect(followed).toMatchObject({ status: 'open', detailedStatus: 'OPEN', token: expect.any(String) });
    expect(followed.updates).toEqual([{ status: 'open', description: '上报', updated_datetime: '2026-11-20T10:00:00+08:00' }]);
    const stored = await app.deps.useCases.cases.load(followed.serviceRequestId);
    expect(stored.description).toBe(description);
    expect(stored.reporter.name).toBe('李华');

    // The same from the command line, as an integrator runs it.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/open311-client.ts', '--base', server.url, '--key', apiKey, '--service', service.code, '--address-id', compound, '--description', '命令行上报：路灯闪烁不停'], { timeout: 20_000 });
    const printed = JSON.parse(stdout) as { serviceRequestId: string; status: string; detailedStatus: string };
    expect(printed).toMatchObject({ status: 'open', detailedStatus: 'OPEN' });
    expect((await app.deps.useCases.cases.load(printed.serviceRequestId)).description).toBe('命令行上报：路灯闪烁不停');
  });
});

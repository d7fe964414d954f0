import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../shared/time/calendar';
import { locateIn } from '../../../shared/routing';
import { startTestApp, type TestApp } from '../../testing/app';
import { act, file, pointInGrid0101, uploadPhoto } from '../../testing/cases';
import type { TestServer } from '../../testing/http';

/**
 * Malformed and hostile requests against the case API. Every row is a request a client could
 * send; the contract is the same for all: the right 4xx with a stable code and a Chinese message
 * (field errors named where there is a field), never a 500, and nothing written — no case, no
 * timeline entry, no photo attached, no case number used up.
 */

type Reply = Awaited<ReturnType<TestServer['request']>>;

let app: TestApp;
const tokens = new Map<string, string>();

/** What the rows act on, made through the API in `beforeAll`. */
const world = {
  /** An unattached photo of member0101: the one valid filings in the table carry. */
  photo: '',
  /** resident02's own unattached photo: someone else's, as far as member0101 is concerned. */
  strangerPhoto: '',
  submitted: '',
  accepted: '',
  closedUnrated: '',
  closedRated: '',
  /** A building that exists, but in another compound than C001. */
  otherCompoundsBuilding: '',
};

async function tokenOf(username: string): Promise<string> {
  if (!tokens.has(username)) tokens.set(username, await app.token(username));
  return tokens.get(username)!;
}

// ---- factories ---------------------------------------------------------------------------------

/** A filing member0101 may make as it stands; rows change one thing about it. */
const validFiling = () => ({
  subcategoryCode: '04.01',
  description: '路口多辆汽车违停，占用人行道和盲道',
  location: { ...pointInGrid0101 },
  photos: [world.photo],
});

/** A resident's complaint about their own compound's property company: general, no photo needed. */
const validComplaint = () => ({
  subcategoryCode: '05.10',
  description: '物业连续两周未清扫楼道，多次反映无人处理',
  compoundCode: 'C001',
  contactPhone: '13955112233',
});

const daysFromNow = (days: number) => new Date(app.clock.now().getTime() + days * DAY_MS).toISOString();

async function send(method: string, path: string, options: { as?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  return app.server.request(method, path, { body: options.body, headers: options.headers, token: options.as ? await tokenOf(options.as) : undefined });
}

const fileWith = (patch: Record<string, unknown>, as = 'member0101') => send('POST', '/api/v1/cases', { as, body: { ...validFiling(), ...patch } });
const fileRaw = (text: string, contentType = 'application/json', as = 'member0101') =>
  send('POST', '/api/v1/cases', { as, body: text, headers: { 'content-type': contentType } });
const actOn = (caseId: string, type: string, body: unknown, as = 'street01', headers?: Record<string, string>) =>
  send('POST', `/api/v1/cases/${caseId}/events/${type}`, { as, body, headers });
const list = (query: string, as?: string) => send('GET', `/api/v1/cases?${query}`, { as });
/** A valid hotline filing (商业经营噪声 needs no photo) sent with a raw Authorization header. */
const fileWithAuthorization = (authorization: string) =>
  send('POST', '/api/v1/cases', { body: { ...validFiling(), photos: [], subcategoryCode: '08.01' }, headers: { authorization } });

/** A token as the server would sign it, with `changes` to the claims or the signing. */
async function forgedToken(changes: { secret?: string; issuer?: string; expiresIn?: number; subject?: string; claims?: Record<string, unknown> } = {}): Promise<string> {
  const actor = await app.actor('street01');
  const { secret, issuer } = app.deps.config.jwt;
  return jwt.sign({ kind: 'password', gen: 0, ...changes.claims }, changes.secret ?? secret, {
    algorithm: 'HS256',
    subject: changes.subject ?? actor.id,
    issuer: changes.issuer ?? issuer,
    expiresIn: changes.expiresIn ?? 3600,
  });
}

/** The classic `alg: none` token: a valid-looking payload and no signature at all. */
async function unsignedToken(): Promise<string> {
  const actor = await app.actor('district');
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: actor.id, kind: 'password', gen: 0, iss: app.deps.config.jwt.issuer, iat: now, exp: now + 3600 })}.`;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/**
 * Everything a refused request could have touched: each case's version, status and timeline
 * length (and "me too" followers), every photo's case, the case-number counters.
 */
async function storedState() {
  const { Case, Photo, Counter } = app.database.models;
  const cases = await Case.collection.find({}, { projection: { version: 1, status: 1, timeline: 1, followerIds: 1 } }).toArray();
  const photos = await Photo.collection.find({}, { projection: { caseId: 1 } }).toArray();
  const counters = await Counter.collection.find({}).toArray();
  return {
    caseCount: cases.length,
    cases: Object.fromEntries(
      cases.map((doc) => [String(doc._id), { version: doc.version, status: doc.status, timeline: (doc.timeline as unknown[]).length, followers: (doc.followerIds as unknown[]).length }]),
    ),
    photos: Object.fromEntries(photos.map((doc) => [String(doc._id), doc.caseId ?? null])),
    counters: Object.fromEntries(counters.map((doc) => [String(doc._id), doc.seq])),
  };
}

const chinese = /\p{Script=Han}/u;

beforeAll(async () => {
  app = await startTestApp({ label: 'hostile' });
  world.photo = await uploadPhoto(app, 'member0101');
  world.strangerPhoto = await uploadPhoto(app, 'resident02', 2);

  world.submitted = (await file(app, 'member0101', { ...validFiling(), photos: [await uploadPhoto(app, 'member0101', 3)] })).id;
  world.accepted = (await file(app, 'member0101', { ...validFiling(), photos: [await uploadPhoto(app, 'member0101', 4)] })).id;
  await act(app, 'street01', world.accepted, 'accept');

  const closeComplaint = async () => {
    const id = (await file(app, 'resident01', validComplaint())).id;
    await act(app, 'street01', id, 'accept');
    await act(app, 'street01', id, 'dispatch', { leadUnitCode: 'U-PM-030', leadUnitType: 'property_company' });
    await act(app, 'pm01', id, 'claim');
    await act(app, 'pm01', id, 'resolve', { note: '已安排保洁每日清扫楼道' });
    await act(app, 'member0101', id, 'verify');
    await act(app, 'street01', id, 'close');
    return id;
  };
  world.closedUnrated = await closeComplaint();
  world.closedRated = await closeComplaint();
  await act(app, 'resident01', world.closedRated, 'rate', { resolved: 'yes', satisfaction: 4 });

  const other = [...app.reference.compounds.values()].find((compound) => compound.code !== 'C001' && compound.buildings.length > 0);
  world.otherCompoundsBuilding = other!.buildings[0]!.code;
});
afterAll(async () => app.close());

interface HostileRow {
  name: string;
  send: () => Promise<Reply>;
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422;
  code: string;
  /** The field `details.fields` must name. */
  field?: string;
}

const filingRows: HostileRow[] = [
  { name: 'filing without subcategoryCode', send: () => fileWith({ subcategoryCode: undefined }), status: 400, code: 'request.invalid', field: 'subcategoryCode' },
  { name: 'filing without description', send: () => fileWith({ description: undefined }), status: 400, code: 'request.invalid', field: 'description' },
  { name: 'filing with neither a map point nor a compound', send: () => fileWith({ location: undefined }), status: 400, code: 'request.invalid', field: 'location' },
  { name: 'filing with subcategoryCode as a number', send: () => fileWith({ subcategoryCode: 4.01 }), status: 400, code: 'request.invalid', field: 'subcategoryCode' },
  { name: 'filing with description as an array', send: () => fileWith({ description: ['路口', '违停'] }), status: 400, code: 'request.invalid', field: 'description' },
  { name: 'filing with anonymous as the string "true"', send: () => fileWith({ anonymous: 'true' }), status: 400, code: 'request.invalid', field: 'anonymous' },
  { name: 'filing with a description of 2001 characters', send: () => fileWith({ description: '违'.repeat(2001) }), status: 400, code: 'request.invalid', field: 'description' },
  { name: 'filing with a title of 61 characters', send: () => fileWith({ title: '题'.repeat(61) }), status: 400, code: 'request.invalid', field: 'title' },
  { name: 'filing with a description of blanks only', send: () => fileWith({ description: ' \t\n      ' }), status: 400, code: 'request.invalid', field: 'description' },
  { name: 'filing with an unknown key', send: () => fileWith({ priority: 'danger' }), status: 400, code: 'request.invalid', field: 'priority' },
  { name: 'filing that tries to set its own status', send: () => fileWith({ status: 'closed' }), status: 400, code: 'request.invalid', field: 'status' },
  { name: 'filing with a $where key', send: () => fileWith({ $where: 'sleep(5000)' }), status: 400, code: 'request.invalid', field: '$where' },
  { name: 'filing with a $gt operator as subcategoryCode', send: () => fileWith({ subcategoryCode: { $gt: '' } }), status: 400, code: 'request.invalid', field: 'subcategoryCode.$gt' },
  { name: 'filing with a $where operator as description', send: () => fileWith({ description: { $where: 'sleep(5000)' } }), status: 400, code: 'request.invalid', field: 'description.$where' },
  { name: 'filing with a $ne operator as compoundCode', send: () => fileWith({ location: undefined, compoundCode: { $ne: null } }), status: 400, code: 'request.invalid', field: 'compoundCode.$ne' },
  { name: 'filing with an $in operator as a photo id', send: () => fileWith({ photos: [{ $in: [world.strangerPhoto] }] }), status: 400, code: 'request.invalid', field: 'photos.0.$in' },
  {
    name: 'filing that smuggles an operator in a duplicate key (the last one wins in JSON.parse)',
    send: () => fileRaw(JSON.stringify(validFiling()).replace(/}$/, ',"subcategoryCode":{"$gt":""}}')),
    status: 400,
    code: 'request.invalid',
    field: 'subcategoryCode.$gt',
  },
  {
    // The JSON parser itself refuses a __proto__ key (prototype poisoning), before any schema sees it.
    name: 'filing with a __proto__ key (prototype pollution)',
    send: () => fileRaw(JSON.stringify(validFiling()).replace(/}$/, ',"__proto__":{"polluted":"yes","isAdmin":true}}')),
    status: 400,
    code: 'request.malformed_json',
  },
  {
    name: 'filing with constructor.prototype (prototype pollution)',
    send: () => fileWith({ constructor: { prototype: { polluted: 'yes' } } }),
    status: 400,
    code: 'request.invalid',
    field: 'constructor',
  },
  { name: 'filing with a dotted key', send: () => fileWith({ 'location.lng': 117.29 }), status: 400, code: 'request.invalid', field: 'location.lng' },
  { name: 'filing with longitude "NaN"', send: () => fileWith({ location: { lng: 'NaN', lat: pointInGrid0101.lat } }), status: 400, code: 'request.invalid', field: 'location.lng' },
  { name: 'filing with latitude "Infinity"', send: () => fileWith({ location: { lng: pointInGrid0101.lng, lat: 'Infinity' } }), status: 400, code: 'request.invalid', field: 'location.lat' },
  {
    name: 'filing with longitude 1e309 (Infinity once parsed)',
    send: () => fileRaw(JSON.stringify(validFiling()).replace(/"lng":[0-9.]+/, '"lng":1e309')),
    status: 400,
    code: 'request.invalid',
    field: 'location.lng',
  },
  { name: 'filing with a numeric string as longitude', send: () => fileWith({ location: { lng: '117.2935', lat: pointInGrid0101.lat } }), status: 400, code: 'request.invalid', field: 'location.lng' },
  { name: 'filing with longitude 0', send: () => fileWith({ location: { lng: 0, lat: pointInGrid0101.lat } }), status: 400, code: 'request.invalid', field: 'location.lng' },
  { name: 'filing with latitude 91', send: () => fileWith({ location: { lng: pointInGrid0101.lng, lat: 91 } }), status: 400, code: 'request.invalid', field: 'location.lat' },
  { name: 'filing with extra keys in the location', send: () => fileWith({ location: { ...pointInGrid0101, alt: 30 } }), status: 400, code: 'request.invalid', field: 'location.alt' },
  { name: 'filing at a point inside the range but outside every grid', send: () => fileWith({ location: { lng: 117.0, lat: 31.5 } }), status: 422, code: 'case.outside_district', field: 'location' },
  { name: 'filing under an unknown subcategory', send: () => fileWith({ subcategoryCode: '99.99' }), status: 400, code: 'request.invalid', field: 'subcategoryCode' },
  { name: 'filing under a malformed subcategory code', send: () => fileWith({ subcategoryCode: '4.1' }), status: 400, code: 'request.invalid', field: 'subcategoryCode' },
  { name: 'filing in an unknown compound', send: () => fileWith({ location: undefined, compoundCode: 'C999' }), status: 400, code: 'request.invalid', field: 'compoundCode' },
  { name: 'filing with a compound code full of query syntax', send: () => fileWith({ location: undefined, compoundCode: 'C001"||"1"=="1' }), status: 400, code: 'request.invalid', field: 'compoundCode' },
  {
    name: 'filing in compound C001 with a building of another compound',
    send: () => send('POST', '/api/v1/cases', { as: 'resident01', body: { ...validComplaint(), buildingCode: world.otherCompoundsBuilding } }),
    status: 422,
    code: 'case.building_mismatch',
    field: 'buildingCode',
  },
  {
    name: 'filing at a map point in compound C001 with a building of another compound',
    send: () => send('POST', '/api/v1/cases', { as: 'resident01', body: { ...validComplaint(), location: app.reference.compounds.get('C001')!.location, buildingCode: world.otherCompoundsBuilding } }),
    status: 422,
    code: 'case.building_mismatch',
    field: 'buildingCode',
  },
  { name: 'filing a building without a compound', send: () => fileWith({ buildingCode: 'C001-B01' }), status: 400, code: 'request.invalid', field: 'buildingCode' },
  { name: 'filing with ten photos', send: () => fileWith({ photos: Array.from({ length: 10 }, () => world.photo) }), status: 400, code: 'request.invalid', field: 'photos' },
  { name: "filing with someone else's photo", send: () => fileWith({ photos: [world.strangerPhoto] }), status: 422, code: 'case.photos_unusable', field: 'photos' },
  { name: 'filing with a photo id that does not exist', send: () => fileWith({ photos: ['0123456789abcdef0123456789abcdef'] }), status: 422, code: 'case.photos_unusable', field: 'photos' },
  { name: 'filing with photos as a string', send: () => fileWith({ photos: world.photo }), status: 400, code: 'request.invalid', field: 'photos' },
  {
    name: 'filing anonymously under a subcategory that does not allow it',
    send: () => send('POST', '/api/v1/cases', { as: 'resident01', body: { ...validComplaint(), anonymous: true } }),
    status: 422,
    code: 'case.anonymous_not_allowed',
  },
  { name: 'filing without the photo the subcategory requires', send: () => fileWith({ photos: [] }), status: 422, code: 'case.photos_required' },
  { name: 'filing with an invalid phone number', send: () => fileWith({ contactPhone: '12345' }), status: 400, code: 'request.invalid', field: 'contactPhone' },
  { name: 'filing with the phone number as a number', send: () => fileWith({ contactPhone: 13955112233 }), status: 400, code: 'request.invalid', field: 'contactPhone' },
  { name: 'filing with an array instead of an object', send: () => fileRaw(JSON.stringify([validFiling()])), status: 400, code: 'request.invalid', field: '(body)' },
  { name: 'filing with a null body', send: () => fileRaw('null'), status: 400, code: 'request.malformed_json' },
  { name: 'filing with a bare JSON string', send: () => fileRaw('"路口违停"'), status: 400, code: 'request.malformed_json' },
  { name: 'filing with a body over 256 kb', send: () => fileWith({ description: '违'.repeat(100_000) }), status: 413, code: 'request.too_large' },
  { name: 'filing sent as text/plain', send: () => fileRaw(JSON.stringify(validFiling()), 'text/plain'), status: 415, code: 'request.unsupported_type' },
  {
    name: 'filing sent as a form',
    send: () => fileRaw(new URLSearchParams({ subcategoryCode: '04.01', description: '路口多辆汽车违停' }).toString(), 'application/x-www-form-urlencoded'),
    status: 415,
    code: 'request.unsupported_type',
  },
  { name: 'filing with malformed JSON', send: () => fileRaw('{"subcategoryCode": "04.01", "description": '), status: 400, code: 'request.malformed_json' },
  {
    name: 'filing with 20 000 levels of nested JSON',
    send: () => fileRaw(JSON.stringify({ ...validFiling(), description: 0 }).replace('"description":0', `"description":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`)),
    status: 400,
    code: 'request.invalid',
    field: 'description',
  },
  { name: 'filing without signing in', send: () => send('POST', '/api/v1/cases', { body: validFiling() }), status: 401, code: 'auth.required' },
  { name: 'filing as an administrator', send: () => fileWith({ photos: [], subcategoryCode: '08.01' }, 'admin'), status: 403, code: 'case.filing_not_allowed' },
];

const eventRows: HostileRow[] = [
  { name: 'an unknown event type in the path', send: () => actOn(world.submitted, 'explode', {}), status: 404, code: 'route.not_found' },
  { name: 'an event type that is an Object.prototype name', send: () => actOn(world.submitted, 'constructor', {}), status: 404, code: 'route.not_found' },
  { name: 'a system-only event (warn) sent by a person', send: () => actOn(world.submitted, 'warn', {}), status: 403, code: 'case.forbidden' },
  { name: 'a case id too short to be one', send: () => actOn('abc', 'accept', {}), status: 400, code: 'request.invalid', field: 'id' },
  { name: 'a case id with query syntax', send: () => actOn('$where:1==1', 'accept', {}), status: 400, code: 'request.invalid', field: 'id' },
  { name: 'a case id that is not valid percent-encoding', send: () => actOn('%E0%A4%A', 'accept', {}), status: 400, code: 'request.invalid', field: 'id' },
  { name: 'a well-formed id of no case', send: () => actOn('AAAAAAAAAAAAAAAAAAAAAAAA', 'accept', {}), status: 404, code: 'not_found' },
  { name: 'a detail request for a malformed id', send: () => send('GET', '/api/v1/cases/abc', { as: 'street01' }), status: 400, code: 'request.invalid', field: 'id' },
  { name: 'a detail request for no case', send: () => send('GET', '/api/v1/cases/AAAAAAAAAAAAAAAAAAAAAAAA', { as: 'street01' }), status: 404, code: 'not_found' },
  { name: 'an event body with an extra key', send: () => actOn(world.submitted, 'accept', { note: '受理', status: 'closed' }), status: 400, code: 'request.invalid', field: 'status' },
  { name: 'an event body with a $set key', send: () => actOn(world.submitted, 'accept', { $set: { status: 'closed' } }), status: 400, code: 'request.invalid', field: '$set' },
  { name: 'an event body with an operator as the note', send: () => actOn(world.submitted, 'accept', { note: { $gt: '' } }), status: 400, code: 'request.invalid', field: 'note.$gt' },
  { name: 'an event body with a constructor key', send: () => actOn(world.submitted, 'accept', { constructor: { prototype: { polluted: 'yes' } } }), status: 400, code: 'request.invalid', field: 'constructor' },
  { name: 'an event body with a dotted key', send: () => actOn(world.submitted, 'accept', { 'note.text': '受理' }), status: 400, code: 'request.invalid', field: 'note.text' },
  { name: 'an event body that is an array', send: () => actOn(world.submitted, 'accept', [{ note: '受理' }]), status: 400, code: 'request.invalid', field: '(body)' },
  { name: 'an event body that is null', send: () => actOn(world.submitted, 'accept', 'null'), status: 400, code: 'request.malformed_json' },
  { name: 'an event without signing in', send: () => send('POST', `/api/v1/cases/${world.submitted}/events/accept`, { body: {} }), status: 401, code: 'auth.required' },
  { name: 'an event by someone with no part in the case', send: () => actOn(world.submitted, 'accept', {}, 'traffic01'), status: 403, code: 'case.forbidden' },
  { name: 'suspend until a time in the past', send: () => actOn(world.accepted, 'suspend', { reason: '等待施工许可', until: '2026-03-01T09:00:00+08:00' }), status: 422, code: 'case.invalid_event', field: 'until' },
  { name: 'suspend for more than 30 days', send: () => actOn(world.accepted, 'suspend', { reason: '等待施工许可', until: daysFromNow(31) }), status: 422, code: 'case.invalid_event', field: 'until' },
  { name: 'suspend until something that is not a date', send: () => actOn(world.accepted, 'suspend', { reason: '等待施工许可', until: 'next tuesday' }), status: 400, code: 'request.invalid', field: 'until' },
  { name: 'suspend until an object', send: () => actOn(world.accepted, 'suspend', { reason: '等待施工许可', until: { $date: '2026-03-12' } }), status: 400, code: 'request.invalid', field: 'until.$date' },
  { name: 'suspend without a reason', send: () => actOn(world.accepted, 'suspend', { until: daysFromNow(3) }), status: 400, code: 'request.invalid', field: 'reason' },
  { name: 'dispatch to a unit that does not exist', send: () => actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-NOWHERE', leadUnitType: 'traffic_police' }), status: 422, code: 'case.unknown_unit', field: 'leadUnitCode' },
  { name: 'dispatch with the wrong unit type', send: () => actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'sanitation' }), status: 422, code: 'case.unknown_unit', field: 'leadUnitType' },
  { name: 'dispatch with a unit type that does not exist', send: () => actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'wizards' }), status: 400, code: 'request.invalid', field: 'leadUnitType' },
  {
    name: 'dispatch with the lead unit also as cohandler',
    send: () =>
      actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'traffic_police', cohandlers: [{ unitCode: 'U-ST01-TRAFFIC', unitType: 'traffic_police' }] }),
    status: 422,
    code: 'case.unknown_unit',
    field: 'cohandlers.0',
  },
  {
    name: 'dispatch with eleven cohandlers',
    send: () =>
      actOn(world.accepted, 'dispatch', {
        leadUnitCode: 'U-ST01-TRAFFIC',
        leadUnitType: 'traffic_police',
        cohandlers: Array.from({ length: 11 }, () => ({ unitCode: 'U-ST01-URBAN', unitType: 'urban_management' })),
      }),
    status: 400,
    code: 'request.invalid',
    field: 'cohandlers',
  },
  // All of accept's fields are optional: without the 415 its note would be dropped and the case accepted.
  { name: 'accept with its note sent as text/plain', send: () => actOn(world.submitted, 'accept', '{"note":"已受理"}', 'street01', { 'content-type': 'text/plain' }), status: 415, code: 'request.unsupported_type' },
  { name: 'merge a case into itself', send: () => actOn(world.submitted, 'merge', { intoCaseId: world.submitted }), status: 422, code: 'case.merge_target_invalid', field: 'intoCaseId' },
  { name: 'merge into a closed case', send: () => actOn(world.submitted, 'merge', { intoCaseId: world.closedRated }), status: 422, code: 'case.merge_target_invalid', field: 'intoCaseId' },
  { name: 'merge into a case that does not exist', send: () => actOn(world.submitted, 'merge', { intoCaseId: 'AAAAAAAAAAAAAAAAAAAAAAAA' }), status: 422, code: 'case.merge_target_invalid', field: 'intoCaseId' },
  { name: 'merge into an operator', send: () => actOn(world.submitted, 'merge', { intoCaseId: { $ne: null } }), status: 400, code: 'request.invalid', field: 'intoCaseId.$ne' },
  { name: 'rate with satisfaction 0', send: () => actOn(world.closedUnrated, 'rate', { resolved: 'yes', satisfaction: 0 }, 'resident01'), status: 400, code: 'request.invalid', field: 'satisfaction' },
  { name: 'rate with satisfaction 6', send: () => actOn(world.closedUnrated, 'rate', { resolved: 'yes', satisfaction: 6 }, 'resident01'), status: 400, code: 'request.invalid', field: 'satisfaction' },
  { name: 'rate with satisfaction 2.5', send: () => actOn(world.closedUnrated, 'rate', { resolved: 'yes', satisfaction: 2.5 }, 'resident01'), status: 400, code: 'request.invalid', field: 'satisfaction' },
  { name: 'rate with satisfaction "5"', send: () => actOn(world.closedUnrated, 'rate', { resolved: 'yes', satisfaction: '5' }, 'resident01'), status: 400, code: 'request.invalid', field: 'satisfaction' },
  { name: 'rate with an unknown verdict', send: () => actOn(world.closedUnrated, 'rate', { resolved: 'maybe', satisfaction: 3 }, 'resident01'), status: 400, code: 'request.invalid', field: 'resolved' },
  { name: 'rate a case twice', send: () => actOn(world.closedRated, 'rate', { resolved: 'no', satisfaction: 1 }, 'resident01'), status: 409, code: 'case.already_rated' },
  { name: "rate someone else's case", send: () => actOn(world.closedUnrated, 'rate', { resolved: 'no', satisfaction: 1 }, 'resident02'), status: 403, code: 'case.forbidden' },
  { name: "reopen someone else's case", send: () => actOn(world.closedUnrated, 'reopen', { reason: '问题依旧存在' }, 'resident02'), status: 403, code: 'case.forbidden' },
  {
    name: 'an event with a stale If-Match',
    send: () => actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'traffic_police' }, 'street01', { 'if-match': '"1"' }),
    status: 409,
    code: 'case.version_conflict',
  },
  {
    name: 'an event with a garbage If-Match',
    send: () => actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'traffic_police' }, 'street01', { 'if-match': 'W/"abc"' }),
    status: 400,
    code: 'request.invalid',
    field: 'If-Match',
  },
  {
    name: 'an event with If-Match 0',
    send: () => actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'traffic_police' }, 'street01', { 'if-match': '"0"' }),
    status: 400,
    code: 'request.invalid',
    field: 'If-Match',
  },
  { name: '"me too" on a case by someone who is not a resident', send: () => send('POST', `/api/v1/cases/${world.submitted}/follow`, { as: 'street01' }), status: 403, code: 'case.follow_residents_only' },
  { name: '"me too" on a closed case', send: () => send('POST', `/api/v1/cases/${world.closedRated}/follow`, { as: 'resident02' }), status: 409, code: 'case.not_open' },
];

const listingRows: HostileRow[] = [
  { name: 'a list of an unknown view', send: () => list('view=everything', 'district'), status: 400, code: 'request.invalid', field: 'view' },
  { name: 'a list without a view', send: () => list('status=submitted', 'district'), status: 400, code: 'request.invalid', field: 'view' },
  { name: 'a list with the view given twice', send: () => list('view=inbox&view=district', 'district'), status: 400, code: 'request.invalid', field: 'view' },
  { name: 'a list with two filters at once', send: () => list('view=district&status=submitted&overdue=true', 'district'), status: 400, code: 'request.invalid', field: 'status' },
  { name: 'a list with limit 0', send: () => list('view=district&limit=0', 'district'), status: 400, code: 'request.invalid', field: 'limit' },
  { name: 'a list with limit 51', send: () => list('view=district&limit=51', 'district'), status: 400, code: 'request.invalid', field: 'limit' },
  { name: 'a list with limit abc', send: () => list('view=district&limit=abc', 'district'), status: 400, code: 'request.invalid', field: 'limit' },
  { name: 'a list with overdue=false', send: () => list('view=district&overdue=false', 'district'), status: 400, code: 'request.invalid', field: 'overdue' },
  { name: 'a list with a garbage cursor', send: () => list('view=district&cursor=!!!%7B%7D', 'district'), status: 400, code: 'request.invalid', field: 'cursor' },
  { name: 'a list with a cursor that decodes to junk', send: () => list(`view=district&cursor=${base64url('not a cursor at all')}`, 'district'), status: 422, code: 'list.invalid_cursor', field: 'cursor' },
  { name: 'a list with a cursor whose time is not a date', send: () => list(`view=district&cursor=${base64url('9007199254740991:AAAAAAAAAAAA')}`, 'district'), status: 422, code: 'list.invalid_cursor', field: 'cursor' },
  { name: 'a list with a query operator in the query string', send: () => list('view=district&status[$ne]=x', 'district'), status: 400, code: 'request.invalid', field: 'status[$ne]' },
  { name: 'a list with a $where parameter', send: () => list('view=district&$where=1', 'district'), status: 400, code: 'request.invalid', field: '$where' },
  { name: 'a list with a dotted parameter', send: () => list('view=district&reporter.phone=13955112233', 'district'), status: 400, code: 'request.invalid', field: 'reporter.phone' },
  { name: 'a street list of another street by a street dispatcher', send: () => list('view=street&streetCode=ST02', 'street01'), status: 403, code: 'case.view_not_allowed' },
  { name: 'a grid list of another street by a street dispatcher', send: () => list('view=grid&gridCode=ST02-G01', 'street01'), status: 403, code: 'case.view_not_allowed' },
  { name: 'the district list asked for by a resident', send: () => list('view=district', 'resident01'), status: 403, code: 'case.view_not_allowed' },
  { name: 'an inbox without signing in', send: () => list('view=inbox'), status: 401, code: 'auth.required' },
];

const authRows: HostileRow[] = [
  { name: 'an Authorization header with another scheme', send: () => fileWithAuthorization('Basic c3RyZWV0MDE6YmFvaGUyMDI2'), status: 401, code: 'auth.malformed' },
  { name: 'a Bearer header without a token', send: () => fileWithAuthorization('Bearer'), status: 401, code: 'auth.malformed' },
  { name: 'a Bearer header with two tokens', send: () => fileWithAuthorization('Bearer abc def'), status: 401, code: 'auth.malformed' },
  { name: 'a token that is not a JWT', send: () => fileWithAuthorization('Bearer not-a-jwt'), status: 401, code: 'auth.invalid' },
  { name: 'a token signed with another secret', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ secret: 'someone-elses-secret-of-enough-length' })}`), status: 401, code: 'auth.invalid' },
  { name: 'an expired token', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ expiresIn: -60 })}`), status: 401, code: 'auth.expired' },
  { name: 'an alg:none token', send: async () => fileWithAuthorization(`Bearer ${await unsignedToken()}`), status: 401, code: 'auth.invalid' },
  { name: 'a token from another issuer', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ issuer: 'someone-else' })}`), status: 401, code: 'auth.invalid' },
  { name: 'a correctly signed token for the system actor', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ subject: 'system' })}`), status: 401, code: 'auth.account_unknown' },
  { name: 'a correctly signed token for an account that does not exist', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ subject: '0123456789abcdef01234567' })}`), status: 401, code: 'auth.account_unknown' },
  { name: 'a correctly signed token of a WeChat login for a password account', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ claims: { kind: 'wechat' } })}`), status: 401, code: 'auth.account_unknown' },
  { name: 'a correctly signed token with a malformed credential generation', send: async () => fileWithAuthorization(`Bearer ${await forgedToken({ claims: { gen: -1 } })}`), status: 401, code: 'auth.invalid' },
  {
    name: 'a token whose payload was edited after signing',
    send: async () => {
      const [header, , signature] = (await forgedToken()).split('.');
      const payload = base64url(JSON.stringify({ sub: 'x', kind: 'password', gen: 0, iss: app.deps.config.jwt.issuer }));
      return fileWithAuthorization(`Bearer ${header}.${payload}.${signature}`);
    },
    status: 401,
    code: 'auth.invalid',
  },
];

describe('hostile and malformed input to the case API', () => {
  it('covers at least 50 kinds of input', () => {
    expect(filingRows.length + eventRows.length + listingRows.length + authRows.length).toBeGreaterThanOrEqual(50);
  });

  it('starts from a point outside every grid that is still inside the coordinate range', () => {
    // The "outside every grid" row relies on this; if the demo district grew to cover it, the row would test nothing.
    expect(locateIn(app.reference.placeIndex, { lng: 117.0, lat: 31.5 })).toBeUndefined();
  });

  describe.each([
    ['filing', filingRows],
    ['events', eventRows],
    ['listing', listingRows],
    ['auth', authRows],
  ] as const)('%s', (_family, rows) => {
    it.each(rows)('refuses $name with $status $code and writes nothing', async (row) => {
      const before = await storedState();
      const reply = await row.send();

      expect(reply.status, JSON.stringify(reply.body)).toBe(row.status);
      expect(reply.body?.error?.code).toBe(row.code);
      expect(reply.body.error.message).toMatch(chinese);
      if (row.field) {
        expect(Object.keys(reply.body.error.details?.fields ?? {})).toContain(row.field);
      }
      // Messages beside the fields are shown to people as they are: Chinese too, never zod's English.
      for (const messages of Object.values<string[]>(reply.body.error.details?.fields ?? {})) {
        for (const message of messages) expect(message).toMatch(chinese);
      }
      expect(await storedState()).toEqual(before);
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.prototype).not.toHaveProperty('isAdmin');
    });
  });

  it('accepts the valid requests the rows are variations of, so that each refusal is due to the variation', async () => {
    const filed = await fileWith({ photos: [await uploadPhoto(app, 'member0101', 9)] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect((await send('POST', '/api/v1/cases', { as: 'resident01', body: { ...validComplaint(), buildingCode: 'C001-B01' } })).status).toBe(201);
    expect((await fileWithAuthorization(`Bearer ${await forgedToken()}`)).status).toBe(201);

    const current = (await send('GET', `/api/v1/cases/${world.accepted}`, { as: 'street01' })).headers.get('etag')!;
    const dispatched = await actOn(world.accepted, 'dispatch', { leadUnitCode: 'U-ST01-TRAFFIC', leadUnitType: 'traffic_police' }, 'street01', { 'if-match': current });
    expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(200);
    expect((await actOn(world.submitted, 'merge', { intoCaseId: world.accepted })).status).toBe(200);
    expect((await actOn(world.accepted, 'suspend', { reason: '等待施工许可', until: daysFromNow(30) })).status).toBe(200);
    expect((await actOn(world.closedUnrated, 'rate', { resolved: 'partly', satisfaction: 3 }, 'resident01')).status).toBe(200);
    expect((await actOn(world.closedRated, 'reopen', { reason: '楼道又无人清扫了' }, 'resident01')).status).toBe(200);

    const page = await list(`view=district&limit=50`, 'district');
    expect(page.status).toBe(200);
    expect((await list('view=street&streetCode=ST01', 'street01')).status).toBe(200);
    const cursor = (await list('view=district&limit=1', 'district')).body.nextCursor;
    expect((await list(`view=district&cursor=${cursor}`, 'district')).status).toBe(200);
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { fileCase } from '../../../shared/cases/machine';
import type { CaseOrigin, CaseRecord, CaseSource } from '../../../shared/cases/types';
import type { Actor, Role } from '../../../shared/domain/roles';
import { locateCompound, locateIn } from '../../../shared/routing';
import type { FileCaseFields } from '../../../shared/schemas/cases';
import { errors, fromCaseError } from '../../errors';
import type { CaseCommandDeps, FilingKey, ReferencePort, StoredFiling } from '../ports';
import { outboxEntriesOf } from '../outbox';
import { withClaimedPhotos } from './claim-photos';

const filingSources: Partial<Record<Role, CaseSource>> = {
  resident: 'resident_app',
  grid_member: 'grid_patrol',
  grid_leader: 'grid_patrol',
  street_dispatcher: 'hotline',
  district_dispatcher: 'hotline',
};

const newCaseId = () => randomBytes(12).toString('base64url');

/**
 * The id of the case a reporter files under an idempotency key: every retry of the filing, and every
 * racer with the same key, aims at one _id, so the primary key lets exactly one insert through,
 * whatever the engine, and no reservation exists apart from the case that could outlive a crash.
 * The reporter is part of it, so the same key from two accounts files two cases.
 */
export const filingIdOf = (reporterId: string, key: string) => createHash('sha256').update(JSON.stringify(['filing', reporterId, key])).digest('base64url').slice(0, 16);

/** Keys sorted at every level, so the hash depends on what was asked, not on the order it was written in. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A hash of the filing as validated (trimmed, defaults filled): a retry that differs only in spacing or order is the same request. */
export const requestHashOf = (input: FileCaseFields) => createHash('sha256').update(JSON.stringify(canonical(input))).digest('base64url');

/**
 * A hotline work order filed by the hotline's intake (a system actor): the caller stands as the
 * reporter, with the secrecy they asked for (shared/policies/privacy.ts keeps them to the handling parties).
 */
export interface HotlineFiling {
  caller: { name: string; phone?: string; secret: boolean };
  /** The centre's 办结时限: the case clock is held to the earlier of it and the catalog's limit. */
  deadline?: Date;
}

/** A filing's outcome: the case, and whether an earlier request with the same idempotency key had filed it. */
export interface Filing {
  record: CaseRecord;
  replayed: boolean;
}

/** The answer to a retry: the case filed first, if the retry asks for what that filing asked. */
function replay(earlier: StoredFiling, actor: Actor, filingKey: FilingKey): Filing {
  if (earlier.record.reporter.accountId !== actor.id || earlier.filingKey?.requestHash !== filingKey.requestHash) {
    throw errors.unprocessable('case.idempotency_key_reused', '该请求标识已用于另一次内容不同的上报，请为新的上报生成新的标识', {
      fields: { 'Idempotency-Key': ['已用于内容不同的上报'] },
    });
  }
  return { record: earlier.record, replayed: true };
}

/**
 * Files a case: checks the subcategory against the current catalog, locates the place (map point,
 * else the compound), checks the photos are the reporter's own, and stores the new case. Nothing
 * is written unless every check passes. With an idempotency key the case is filed once per
 * (reporter, key): a retry of the same request gets the case filed first, a different request 422.
 * `channel` names the system a resident's report came through, when it is not our app.
 */
/** What a case comes through when it is not a report in our app: a poll's decision, Open311, a hotline work order. */
export interface FiledVia {
  origin?: CaseOrigin;
  channel?: 'open311';
  hotline?: HotlineFiling;
}

export async function fileCaseCommand(
  deps: CaseCommandDeps,
  actor: Actor,
  input: FileCaseFields,
  idempotencyKey?: string,
  via: FiledVia = {},
): Promise<Filing> {
  const { origin, channel, hotline } = via;
  const role = actor.role;
  // A poll's decision is filed by the committee that ran it (the poll use case checked it may);
  // a report through Open311 is a resident's, relayed by an integration holding a key; a hotline
  // work order is filed by the hotline's intake, the one system actor that files.
  const source = hotline
    ? role === 'system'
      ? 'hotline'
      : undefined
    : origin
      ? 'consultation'
      : role === 'system'
        ? undefined
        : role === 'resident' && channel
          ? channel
          : filingSources[role];
  if (!source) throw errors.forbidden('case.filing_not_allowed', '当前身份不能上报案件');
  const filingKey = idempotencyKey === undefined ? undefined : { key: idempotencyKey, requestHash: requestHashOf(input) };
  const id = filingKey ? filingIdOf(actor.id, filingKey.key) : newCaseId();
  // Only a shortcut for the usual retry, which comes after the first answer was lost: the insert
  // below is what refuses a second case when retries overlap.
  const earlier = filingKey && (await deps.store.findFiling(id));
  if (earlier) return replay(earlier, actor, filingKey);

  const now = deps.now();
  const entry = await deps.reference.currentEntry(input.subcategoryCode, now.getTime());
  if (!entry) throw errors.validation({ subcategoryCode: ['问题小类不存在'] });

  const place = locate(deps.reference, input);

  const compound = place.compoundCode ? deps.reference.compounds.get(place.compoundCode) : undefined;
  const building = compound?.buildings.find((b) => b.code === input.buildingCode);
  const result = fileCase(
    {
      id,
      number: '',
      catalogVersion: entry.catalog.version,
      title: input.title ?? `${entry.subcategory.name}${compound ? `（${compound.name}）` : ''}`,
      description: input.description,
      location: place.point,
      address: input.address ?? [deps.reference.streets.get(place.streetCode)?.name, compound?.name, building?.name].filter(Boolean).join(' '),
      streetCode: place.streetCode,
      gridCode: place.gridCode,
      compoundCode: place.compoundCode,
      buildingCode: building?.code,
      source,
      ...(origin ? { origin } : {}),
      ...(hotline?.deadline ? { externalDeadline: hotline.deadline } : {}),
      reporter: hotline
        ? { accountId: actor.id, role, name: hotline.caller.name, ...(hotline.caller.phone ? { phone: hotline.caller.phone } : {}), anonymous: false, ...(hotline.caller.secret ? { secret: true } : {}) }
        : { accountId: actor.id, role, name: actor.name, phone: input.contactPhone, anonymous: input.anonymous },
      photos: input.photos,
    },
    { actor, now, subcategory: entry.subcategory, calendar: deps.reference.calendar },
  );
  if (!result.ok) throw fromCaseError(result.error, { bodyParsed: true });
  const outcome = await withClaimedPhotos(deps, input.photos, id, actor.id, async (): Promise<{ stored: CaseRecord } | { lostTo: StoredFiling }> => {
    // The number is drawn only for a filing the machine accepted: a refusal must not leave a gap in the day's sequence.
    // (A retry that loses the race below does leave one: it drew before it could know.)
    const record: CaseRecord = { ...result.next, number: await deps.store.nextCaseNumber(now) };
    try {
      // The filing's effects go in with the case itself: stored together or not at all, so a lost race produces none.
      await deps.store.insert(record, { communityUnitCode: deps.reference.communityOf(place.compoundCode), filingKey }, outboxEntriesOf(record, result.effects, now));
      return { stored: record };
    } catch (error) {
      // Whatever failed, a case now stored under this key's id was filed by another request with it
      // (or by this one, if only the answer was lost): that case is the answer.
      const winner = filingKey && (await deps.store.findFiling(id));
      if (!winner) throw error;
      return { lostTo: winner };
    }
  });
  if ('stored' in outcome) return { record: outcome.stored, replayed: false };
  // The photos were claimed for the same id as the winner's: only those its case does not show go back.
  const kept = new Set(outcome.lostTo.record.photos);
  const extra = input.photos.filter((photo) => !kept.has(photo));
  if (extra.length) await deps.photos.release(extra, { caseId: id });
  return replay(outcome.lostTo, actor, filingKey!);
}

interface Place {
  point?: { lng: number; lat: number };
  streetCode: string;
  gridCode: string;
  compoundCode?: string;
}

function locate(reference: ReferencePort, input: FileCaseFields): Place {
  if (input.location) {
    const found = locateIn(reference.placeIndex, input.location);
    if (!found) throw errors.unprocessable('case.outside_district', '所选位置不在包河区网格范围内', { fields: { location: ['所选位置不在本区范围内'] } });
    if (input.compoundCode && found.compound?.code !== input.compoundCode && !reference.compounds.has(input.compoundCode)) {
      throw errors.validation({ compoundCode: ['小区不存在'] });
    }
    const compoundCode = found.compound?.code ?? (input.compoundCode && reference.compounds.get(input.compoundCode)?.gridCode === found.grid.code ? input.compoundCode : undefined);
    // A building must belong to the compound the point resolved to, else it would be dropped without a word.
    const buildings = compoundCode ? (reference.compounds.get(compoundCode)?.buildings ?? []) : [];
    if (input.buildingCode && !buildings.some((b) => b.code === input.buildingCode)) throw errors.unprocessable('case.building_mismatch', '楼栋与所选位置不符', { fields: { buildingCode: ['楼栋与所选位置不符'] } });
    return { point: input.location, streetCode: found.street.code, gridCode: found.grid.code, compoundCode };
  }
  const found = locateCompound(input.compoundCode!, reference.placeIndex);
  if (!found) throw errors.validation({ compoundCode: ['小区不存在'] });
  if (input.buildingCode && !found.compound.buildings.some((b) => b.code === input.buildingCode)) {
    throw errors.unprocessable('case.building_mismatch', '该小区没有这个楼栋', { fields: { buildingCode: ['该小区没有这个楼栋'] } });
  }
  return { point: found.point, streetCode: found.street.code, gridCode: found.grid.code, compoundCode: found.compound.code };
}


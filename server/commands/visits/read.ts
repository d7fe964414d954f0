import type { Actor } from '../../../shared/domain/roles';
import { visitScopeOf, type SensitivePersonField } from '../../../shared/policies/visits';
import { summarise, type CategorySummary } from '../../../shared/visits/summary';
import { riskLevels, type VisitCategory } from '../../../shared/visits/types';
import { errors } from '../../errors';
import type { StoredVisit, VisitAuditEntry, VisitScope } from '../ports';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../keyset-cursor';
import { audit, categoryOf, loadPersonFor, openPersonField, unitOfActor, visitAad, withSchedule, type MaskedPerson, type VisitCommandDeps } from './access';

/** A visit with its sealed parts opened (only for an unmask of `visits`). */
export type OpenedVisit = StoredVisit & { opened?: { answers: Record<string, string | number | boolean>; findings?: string; point?: { lng: number; lat: number } } };

function scopeFor(deps: VisitCommandDeps, actor: Actor, action: 'list' | 'audit'): VisitScope {
  const scope = visitScopeOf(actor, action, deps.categories().categories, unitOfActor(deps, actor));
  if (!scope) throw errors.forbidden('visit.forbidden', action === 'audit' ? '只有社区居委会可以查看本社区的走访审计记录' : '当前身份不能查看重点服务人员');
  return scope;
}

const encodeDueCursor = (p: { risk: string; dueAt: Date; id: string }) => Buffer.from(JSON.stringify([riskLevels.indexOf(p.risk as never), p.dueAt.getTime(), p.id])).toString('base64url');
function decodeDueCursor(cursor: string): { riskRank: number; dueAt: Date; id: string } {
  try {
    const [riskRank, at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof riskRank === 'number' && typeof at === 'number' && typeof id === 'string') return { riskRank, dueAt: new Date(at), id };
  } catch {
    // fall through to the refusal
  }
  throw invalidCursor();
}

const invalidCursor = () => errors.unprocessable('list.invalid_cursor', '翻页标记无效，请从第一页重新加载', { fields: { cursor: ['翻页标记无效'] } });

/**
 * The visitor's worklist: people in the actor's slice whose reminder time has come, red before yellow
 * before blue, the latest first. Every person shown is audited (`list`).
 */
export async function worklist(deps: VisitCommandDeps, actor: Actor, query: { limit: number; cursor?: string }): Promise<{ items: MaskedPerson[]; nextCursor: string | null }> {
  const scope = scopeFor(deps, actor, 'list');
  const people = await deps.visits.listDue(scope, deps.now(), { limit: query.limit + 1, ...(query.cursor ? { after: decodeDueCursor(query.cursor) } : {}) });
  const page = people.slice(0, query.limit);
  await audit(deps, actor, 'list', page);
  return { items: page.map((p) => withSchedule(deps, p, undefined)), nextCursor: people.length > query.limit ? encodeDueCursor(page[page.length - 1]) : null };
}

/** The register in the actor's slice, by id; every person shown is audited. */
export async function listRegister(deps: VisitCommandDeps, actor: Actor, query: { limit: number; cursor?: string }): Promise<{ items: MaskedPerson[]; nextCursor: string | null }> {
  const scope = scopeFor(deps, actor, 'list');
  const after = query.cursor ? Buffer.from(query.cursor, 'base64url').toString('utf8') : undefined;
  const people = await deps.visits.listPeople(scope, { limit: query.limit + 1, ...(after ? { after } : {}) });
  const page = people.slice(0, query.limit);
  await audit(deps, actor, 'list', page);
  return { items: page.map((p) => withSchedule(deps, p, undefined)), nextCursor: people.length > query.limit ? Buffer.from(page[page.length - 1].id).toString('base64url') : null };
}

/**
 * The figures of the actor's slice by category (people, risk levels, due soon, overdue), every group
 * under 5 hidden (shared/visits/summary): names no one, so it is not an audited read of anyone.
 */
export async function registerSummary(deps: VisitCommandDeps, actor: Actor): Promise<(CategorySummary & { categoryName: string })[]> {
  const scope = scopeFor(deps, actor, 'list');
  const figures = summarise(await deps.visits.summaryRows(scope), scope.categoryCodes, deps.now());
  return figures.map((figure) => ({ ...figure, categoryName: categoryOf(deps, figure.categoryCode)?.name ?? figure.categoryCode }));
}

/**
 * The categories the actor works with, with their visit questions and rules: the app builds the
 * visit form from them. No one is named, so it is not audited.
 */
export function visibleCategories(deps: VisitCommandDeps, actor: Actor): { version: number; categories: VisitCategory[] } {
  const scope = scopeFor(deps, actor, 'list');
  const config = deps.categories();
  return { version: config.version, categories: config.categories.filter((c) => scope.categoryCodes.includes(c.code)) };
}

/** One person's record (masked) and their last visits (answers sealed): audited as a read. */
export async function personRecord(deps: VisitCommandDeps, actor: Actor, id: string): Promise<{ person: MaskedPerson; visits: OpenedVisit[] }> {
  const { person, category } = await loadPersonFor(deps, actor, id, 'read');
  await audit(deps, actor, 'read', [person]);
  return { person: withSchedule(deps, person, category), visits: await deps.visits.visitsOf(person.id, 20) };
}

/**
 * One sensitive field in clear, or the visits' answers, findings and points: only on this explicit
 * action, with a reason, and audited (who, when, which field, why) before the value is answered.
 */
export async function unmask(deps: VisitCommandDeps, actor: Actor, id: string, input: { field: SensitivePersonField | 'visits'; reason: string }): Promise<{ field: string; value: string | OpenedVisit[] | null }> {
  const { person } = await loadPersonFor(deps, actor, id, 'unmask');
  await audit(deps, actor, 'unmask', [person], { field: input.field, reason: input.reason });
  if (input.field !== 'visits') return { field: input.field, value: openPersonField(deps, person, input.field) ?? null };
  const visits = await deps.visits.visitsOf(person.id, 20);
  return { field: 'visits', value: visits.map((v) => openVisit(deps, v)) };
}

/** A visit with its answers, findings and point opened: only for an audited action that needs them. */
export function openVisit(deps: Pick<VisitCommandDeps, 'sealer'>, v: StoredVisit): OpenedVisit {
  return {
    ...v,
    opened: {
      answers: v.sealed.answers ? (JSON.parse(deps.sealer.open(v.sealed.answers, visitAad(v.id, 'answers'))) as Record<string, string | number | boolean>) : {},
      ...(v.sealed.findings ? { findings: deps.sealer.open(v.sealed.findings, visitAad(v.id, 'findings')) } : {}),
      ...(v.sealed.point ? { point: JSON.parse(deps.sealer.open(v.sealed.point, visitAad(v.id, 'point'))) as { lng: number; lat: number } } : {}),
    },
  };
}

/** The community's audit trail, newest first: for its committee only (the table's `audit` action). */
export async function auditTrail(deps: VisitCommandDeps, actor: Actor, query: { limit: number; cursor?: string }): Promise<{ items: VisitAuditEntry[]; nextCursor: string | null }> {
  const scope = scopeFor(deps, actor, 'audit');
  if (!('communityUnitCode' in scope.place)) throw errors.forbidden('visit.forbidden', '只有社区居委会可以查看本社区的走访审计记录');
  const after = query.cursor ? decodeTimeIdCursor(query.cursor) : undefined;
  if (query.cursor && !after) throw invalidCursor();
  const entries = await deps.visits.listAudit(scope.place.communityUnitCode, { limit: query.limit + 1, ...(after ? { after } : {}) });
  const page = entries.slice(0, query.limit);
  return { items: page, nextCursor: entries.length > query.limit ? encodeTimeIdCursor(page[page.length - 1].at, page[page.length - 1].id) : null };
}

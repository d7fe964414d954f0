import { facetOfQuery, facetsOfRecord } from '../../../shared/cases/facets';
import type { CaseRecord } from '../../../shared/cases/types';
import { gridOfActor, streetOfActor, type Actor } from '../../../shared/domain/roles';
import type { ListCasesQuery } from '../../../shared/schemas/cases';
import { errors } from '../../errors';
import type { CaseCommandDeps, CaseListScope, Page } from '../ports';

/**
 * Turns a list request into a scope the store can serve from one index. The view picks the scope
 * field from the signed-in account; asking for another street or grid than one's own is refused.
 */
export function listScope(actor: Actor | undefined, query: ListCasesQuery, streetOfGrid: (gridCode: string) => string | undefined): CaseListScope {
  const facet = facetOfQuery(query);
  const role = actor?.role;
  const deny = () => errors.forbidden('case.view_not_allowed', '当前身份不能查看该列表');
  switch (query.view) {
    case 'public':
      if (query.gridCode) return { field: 'gridCode', value: query.gridCode, facet };
      if (query.streetCode) return { field: 'streetCode', value: query.streetCode, facet };
      return { field: null, facet };
    case 'mine':
      if (!actor) throw errors.unauthenticated();
      return { field: 'reporterOrFollower', value: actor.id, facet };
    case 'cohandling':
      if (!actor) throw errors.unauthenticated();
      if ((actor.role !== 'property_manager' && actor.role !== 'department') || !actor.scope.unitCode) throw deny();
      return { field: 'cohandlerUnitCodes', value: actor.scope.unitCode, facet };
    case 'inbox': {
      if (!actor) throw errors.unauthenticated();
      const inboxFacet = facetOfQuery(query, 'group:open');
      if ((actor.role === 'property_manager' || actor.role === 'department') && actor.scope.unitCode) return { field: 'leadUnitCode', value: actor.scope.unitCode, facet: inboxFacet };
      if (actor.role === 'street_dispatcher' && actor.scope.streetCode) return { field: 'streetCode', value: actor.scope.streetCode, facet: inboxFacet };
      if ((actor.role === 'grid_member' || actor.role === 'grid_leader') && actor.scope.gridCode) return { field: 'gridCode', value: actor.scope.gridCode, facet: inboxFacet };
      if (actor.role === 'community' && actor.scope.unitCode) return { field: 'communityUnitCode', value: actor.scope.unitCode, facet: inboxFacet };
      if (role === 'district_dispatcher') return { field: null, facet: inboxFacet };
      throw deny();
    }
    case 'street': {
      if (!actor) throw errors.unauthenticated();
      const streetCode = query.streetCode ?? streetOfActor(actor);
      if (!streetCode) throw errors.unprocessable('case.scope_required', '请选择街镇', { fields: { streetCode: ['请选择街镇'] } });
      if (role === 'district_dispatcher' || role === 'admin' || (actor.role === 'street_dispatcher' && actor.scope.streetCode === streetCode)) {
        return { field: 'streetCode', value: streetCode, facet };
      }
      throw deny();
    }
    case 'grid': {
      if (!actor) throw errors.unauthenticated();
      const gridCode = query.gridCode ?? gridOfActor(actor);
      if (!gridCode) throw errors.unprocessable('case.scope_required', '请选择网格', { fields: { gridCode: ['请选择网格'] } });
      const gridStreet = streetOfGrid(gridCode);
      const allowed =
        role === 'district_dispatcher' ||
        role === 'admin' ||
        ((actor.role === 'grid_member' || actor.role === 'grid_leader') && actor.scope.gridCode === gridCode) ||
        (actor.role === 'street_dispatcher' && actor.scope.streetCode === gridStreet);
      if (!allowed) throw deny();
      return { field: 'gridCode', value: gridCode, facet };
    }
    case 'community':
      if (!actor) throw errors.unauthenticated();
      if (actor.role !== 'community' || !actor.scope.unitCode) throw deny();
      return { field: 'communityUnitCode', value: actor.scope.unitCode, facet };
    case 'district':
      if (!actor) throw errors.unauthenticated();
      if (role !== 'district_dispatcher' && role !== 'admin') throw deny();
      return { field: null, facet };
  }
}

export async function listCases(deps: CaseCommandDeps, actor: Actor | undefined, query: ListCasesQuery): Promise<Page<CaseRecord>> {
  const scope = listScope(actor, query, (gridCode) => deps.reference.grids.get(gridCode)?.streetCode);
  return deps.store.list(scope, { cursor: query.cursor, limit: query.limit });
}


/**
 * Whether a staff list scope holds `record` now, as the store's list would answer: the live
 * channel asks it of each changed case instead of querying every open inbox again.
 * `communityUnitCode` is the community of the case's compound (stored beside the case).
 */
export function scopeHolds(scope: CaseListScope, record: CaseRecord, communityUnitCode: string | undefined): boolean {
  if (!facetsOfRecord(record).includes(scope.facet)) return false;
  switch (scope.field) {
    case null:
      return true;
    case 'reporterOrFollower':
      // Followers are not on the record: the live channel answers "mine" from the case's parties.
      return record.reporter.accountId === scope.value;
    case 'leadUnitCode':
      return record.assignment.leadUnitCode === scope.value;
    case 'cohandlerUnitCodes':
      return record.assignment.cohandlers.some((unit) => unit.unitCode === scope.value);
    case 'streetCode':
      return record.streetCode === scope.value;
    case 'gridCode':
      return record.gridCode === scope.value;
    case 'communityUnitCode':
      return communityUnitCode === scope.value;
  }
}

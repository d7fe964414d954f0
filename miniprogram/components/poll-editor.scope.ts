import { useEffect, useState } from 'react';
import { getCompound, listCompounds } from '../services/places';
import type { Me } from '../services/session';

/** A compound the author may ask, with its buildings once known. */
export interface ScopeCompound {
  code: string;
  name: string;
  buildings?: { code: string; name: string }[];
}

export interface ScopeChoices {
  compounds: ScopeCompound[];
  /** A grid leader may also ask their whole grid. */
  gridCode: string | null;
  loading: boolean;
  error: string;
}

/** Property companies' compounds are found among all of them: the places API has no filter by company. */
const MAX_PAGES_SEARCHED = 10;

/**
 * The compounds (and grid) an account may put a poll to, as its role allows: a community its
 * compounds, a grid leader its grid's, a property company those it serves.
 */
export async function loadScopeChoices(account: Pick<Me, 'role' | 'scope'>): Promise<Omit<ScopeChoices, 'loading' | 'error'>> {
  if (account.role === 'community') {
    const compounds = await Promise.all((account.scope.compoundCodes ?? []).map((code) => getCompound(code)));
    return { compounds: compounds.map((compound) => ({ code: compound.code, name: compound.name, buildings: compound.buildings })), gridCode: null };
  }
  if (account.role === 'grid_leader' && account.scope.gridCode) {
    const page = await listCompounds({ gridCode: account.scope.gridCode, limit: 100 });
    return { compounds: page.items.map((compound) => ({ code: compound.code, name: compound.name })), gridCode: account.scope.gridCode };
  }
  if (account.role === 'property_manager' && account.scope.unitCode) {
    const served: ScopeCompound[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_PAGES_SEARCHED; page++) {
      const answer = await listCompounds({ limit: 100, ...(after ? { after } : {}) });
      served.push(...answer.items.filter((compound) => compound.propertyUnit?.code === account.scope.unitCode).map((compound) => ({ code: compound.code, name: compound.name })));
      if (!answer.nextCursor) break;
      after = answer.nextCursor;
    }
    return { compounds: served, gridCode: null };
  }
  return { compounds: [], gridCode: null };
}

export function useScopeChoices(account: Pick<Me, 'role' | 'scope'> | undefined): ScopeChoices & { loadBuildings: (code: string) => void } {
  const [choices, setChoices] = useState<ScopeChoices>({ compounds: [], gridCode: null, loading: true, error: '' });
  useEffect(() => {
    if (!account) return;
    let current = true;
    loadScopeChoices(account).then(
      (loaded) => current && setChoices({ ...loaded, loading: false, error: '' }),
      () => current && setChoices({ compounds: [], gridCode: null, loading: false, error: '小区列表暂时无法加载，请稍后重试' }),
    );
    return () => {
      current = false;
    };
  }, [account?.role, account?.scope.gridCode, account?.scope.unitCode, (account?.scope.compoundCodes ?? []).join(',')]);

  const loadBuildings = (code: string) => {
    if (!code || choices.compounds.find((compound) => compound.code === code)?.buildings) return;
    getCompound(code).then(
      (compound) => setChoices((current) => ({ ...current, compounds: current.compounds.map((known) => (known.code === code ? { ...known, buildings: compound.buildings } : known)) })),
      () => undefined,
    );
  };
  return { ...choices, loadBuildings };
}

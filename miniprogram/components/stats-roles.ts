import type { Role } from '../../shared/domain/roles';

/**
 * Who opens 统计分析: the district and street centres, the handling units (each sees itself) and
 * grid staff (their grid). Committees and residents have no dashboard; the public figures are for
 * everyone. The server decides the scope (shared/policies/stats.ts); this only shows the entry.
 */
const statsRoles: readonly string[] = ['district_dispatcher', 'admin', 'street_dispatcher', 'department', 'property_manager', 'grid_leader', 'grid_member'] satisfies Role[];

export const canReadStats = (role: string) => statsRoles.includes(role);

export const STATS_DASHBOARD_PAGE = '/stats/dashboard/index';
export const PUBLIC_FIGURES_PAGE = '/stats/public/index';

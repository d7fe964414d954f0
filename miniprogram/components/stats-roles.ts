import { statsReaderRoles } from '../../shared/policies/stats';

/** Whether the account's role has a statistics dashboard: the server decides its scope (shared/policies/stats.ts). */
export const canReadStats = (role: string) => (statsReaderRoles as readonly string[]).includes(role);

export const STATS_DASHBOARD_PAGE = '/stats/dashboard/index';
export const PUBLIC_FIGURES_PAGE = '/stats/public/index';

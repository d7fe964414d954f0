export { statsDashboard, resolveStatsQuery, statsNames, type StatsDeps } from './dashboard';
export { statsExport, type ExportSheet } from './export';
export { publicStats, launchDayOf } from './public';

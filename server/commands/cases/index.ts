/** The case use cases, one per file. */
export { fileCaseCommand, type Filing } from './file-case';
export { actOnCase } from './act-on-case';
export { loadCase, eventsFor } from './load-case';
export { followCase } from './follow-case';
export { listScope, listCases, scopeHolds } from './list-cases';
export { runDueSystemEvents } from './run-due-system-events';
export { suggestAssignment } from './suggest-assignment';
export { nearbyCases } from './nearby-cases';
export type { CaseCommandDeps, PhotoPort } from '../ports';

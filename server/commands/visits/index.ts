export { type VisitCommandDeps } from './access';
export { registerPerson, updatePerson } from './register';
export { auditTrail, listRegister, visibleCategories, registerSummary, personRecord, unmask, worklist, type OpenedVisit } from './read';
export { recordVisit } from './record-visit';
export { rekeyVisits } from './rekey';
export { signVisit } from './sign-off';
export { archivePerson, restorePerson, exportPerson, purgeArchived, purgeOldAudit, type PersonExport, type VisitPurgeDeps } from './retention';
export { publishVisitCategories, visitCategoryAdminView, type VisitCategoryAdminDeps } from './categories';
export { visitTeam, type TeamMember } from './team';

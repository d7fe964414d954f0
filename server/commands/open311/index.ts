/** The Open311 use cases, one concern per file. */
export { issueOpen311Key, listOpen311Keys, revokeOpen311Key, verifyOpen311Key, type Open311KeyView } from './keys';
export { caseIdOfToken, fileOpen311Request, findOpen311Requests, findUpdatedCases, UPDATES_CASE_LIMIT, type Open311Deps } from './requests';

export { createPoll, editPoll } from './draft';
export { openPoll, closePoll, cancelPoll, recordDecision } from './lifecycle';
export { castVote, checkReceipt } from './vote';
export { pollPage, pollResults, pollVoters, listPolls, currentResult, type PollPageData } from './read';
export { listComments, addComment, hideComment } from './comments';
export { decisionToCase } from './decision-case';
export { countWaitingBallots } from './count';

/** The in-app inbox use cases, and the inbox addresses they and the notify handler share. */
export { countUnreadMessages, listMessages, markAllMessagesRead, markMessageRead, type MessageCommandDeps } from './messages';
export { accountInbox, inboxesOf, organisationInboxOf, readersOf, type InboxReaders } from './inboxes';

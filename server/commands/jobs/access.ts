import type { Actor } from '../../../shared/domain/roles';
import { jobErrors } from '../../errors';

/**
 * The job queue is the platform's plumbing: a failed job is a technical fault (a handler or a
 * receiver broken), not a case decision, so only system administrators (系统管理员) see and retry
 * it, not dispatchers. Its entries name cases and carry error text.
 */
export function requireJobAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw jobErrors.forbidden();
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../../shared/domain/roles';
import { open311Errors } from '../../errors';
import type { Open311Key, Open311Store } from '../ports';

/**
 * Open311 API keys. A key is `o311_<id>_<secret>`: the id finds the stored key by _id (one read,
 * on any engine), the secret is 192 random bits kept only as its SHA-256 (a slow hash buys
 * nothing against a secret nobody can guess). Issued, listed and revoked by a system
 * administrator; shown once, at issue.
 */

export interface Open311KeyDeps {
  store: Open311Store;
  now: () => Date;
}

const keyPattern = /^o311_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** What an admin sees of a key: never its secret or hash. */
export interface Open311KeyView {
  id: string;
  name: string;
  /** How the key begins, so an admin can tell which one a client holds. */
  prefix: string;
  createdBy: { id: string; name: string };
  createdAt: Date;
  revokedAt: Date | null;
}

const viewOf = (key: Open311Key): Open311KeyView => ({ id: key.id, name: key.name, prefix: `o311_${key.id}_`, createdBy: key.createdBy, createdAt: key.createdAt, revokedAt: key.revokedAt });

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw open311Errors.keysForbidden();
}

/** Issues a key for an integration: the answer carries the key itself, which is never shown again. */
export async function issueOpen311Key(deps: Open311KeyDeps, actor: Actor, name: string): Promise<Open311KeyView & { key: string }> {
  requireAdmin(actor);
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(24).toString('base64url');
  const key: Open311Key = { id, name, secretHash: hashOf(secret), createdBy: { id: actor.id, name: actor.name }, createdAt: deps.now(), revokedAt: null };
  await deps.store.insertKey(key);
  return { ...viewOf(key), key: `o311_${id}_${secret}` };
}

export async function listOpen311Keys(deps: Open311KeyDeps, actor: Actor): Promise<Open311KeyView[]> {
  requireAdmin(actor);
  return (await deps.store.listKeys()).map(viewOf);
}

/** Revokes a key: from the next request on, it files nothing (reads never needed it). */
export async function revokeOpen311Key(deps: Open311KeyDeps, actor: Actor, id: string): Promise<Open311KeyView> {
  requireAdmin(actor);
  const key = await deps.store.findKey(id);
  if (!key) throw open311Errors.keyNotFound();
  if (key.revokedAt) throw open311Errors.keyAlreadyRevoked();
  const at = deps.now();
  if (!(await deps.store.revokeKey(id, at))) throw open311Errors.keyAlreadyRevoked();
  return viewOf({ ...key, revokedAt: at });
}

/** The key a client presents, if it is one we issued and did not revoke; else 403. */
export async function verifyOpen311Key(deps: Pick<Open311KeyDeps, 'store'>, presented: string | undefined): Promise<Open311Key> {
  const match = presented ? keyPattern.exec(presented) : null;
  if (!match) throw open311Errors.keyInvalid();
  const key = await deps.store.findKey(match[1]!);
  const given = Buffer.from(hashOf(match[2]!), 'hex');
  if (!key || !timingSafeEqual(given, Buffer.from(key.secretHash, 'hex'))) throw open311Errors.keyInvalid();
  if (key.revokedAt) throw open311Errors.keyRevoked();
  return key;
}

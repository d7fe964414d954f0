import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldSealer } from '../commands/ports';
import type { VisitKey } from '../config';

const FORMAT = 'g1';

/**
 * Field encryption in the application (AES-256-GCM): each value gets a fresh 96-bit nonce and is
 * bound to where it belongs (`aad`: the record id and the field), so a ciphertext copied onto another
 * person or field fails to open instead of showing the wrong person's data. The stored text is
 * `g1.<key id>.<nonce>.<tag>.<ciphertext>` (base64url): the key id lets old keys open old fields
 * while the first key seals new ones, and the rekey command moves everything to the first.
 */
export function fieldSealer(keys: readonly VisitKey[]): FieldSealer {
  if (keys.length === 0) throw new Error('no visit encryption key configured');
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  const current = keys[0];
  return {
    currentKeyId: current.id,
    seal(plain, aad) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, iv);
      cipher.setAAD(Buffer.from(aad, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [FORMAT, current.id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, aad) {
      const [format, keyId, iv, tag, body] = sealed.split('.');
      const key = byId.get(keyId ?? '');
      // The message names no value and no key: it may reach a log.
      if (format !== FORMAT || !key || iv === undefined || tag === undefined || body === undefined) throw new Error(`sealed field cannot be opened (key ${keyId ?? '?'} unknown or malformed)`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(aad, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    keyIdOf: (sealed) => sealed.split('.')[1] ?? '',
  };
}

import { claimMembershipSchema, type MembershipRelation } from '../../../shared/api/membership';
import type { ClaimMembership } from '../../services/membership';

/**
 * The claim form (认证房屋) as data: what the resident has typed, the request it becomes, and the
 * errors by field, ours (the shared schema, before sending) or the server's (beside the same fields).
 */
export interface ClaimDraft {
  compound: { code: string; name: string } | null;
  buildingCode: string;
  unit: string;
  room: string;
  relation: MembershipRelation;
  name: string;
  phone: string;
}

export type ClaimField = 'compoundCode' | 'buildingCode' | 'unit' | 'room' | 'relation' | 'name' | 'phone' | 'form';
export type ClaimErrors = Partial<Record<ClaimField, string>>;

export const emptyClaim: ClaimDraft = { compound: null, buildingCode: '', unit: '', room: '', relation: 'owner', name: '', phone: '' };

/** The request: name and phone go only when given (they are what lets a roster verify at once). */
export function claimRequest(draft: ClaimDraft): ClaimMembership {
  return {
    compoundCode: draft.compound?.code ?? '',
    buildingCode: draft.buildingCode,
    unit: draft.unit.trim(),
    room: draft.room.trim(),
    relation: draft.relation,
    ...(draft.name.trim() ? { name: draft.name.trim() } : {}),
    ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
  };
}

const fields: readonly ClaimField[] = ['compoundCode', 'buildingCode', 'unit', 'room', 'relation', 'name', 'phone'];
const fieldOf = (path: string): ClaimField => ((fields as readonly string[]).includes(path) ? (path as ClaimField) : 'form');

/** The shared schema's verdict before sending, the first message per field. */
export function checkClaim(draft: ClaimDraft): ClaimErrors {
  const errors: ClaimErrors = {};
  if (!draft.compound) errors.compoundCode = '请选择小区';
  if (!draft.buildingCode) errors.buildingCode = '请选择楼栋';
  const parsed = claimMembershipSchema.safeParse(claimRequest(draft));
  if (!parsed.success) for (const issue of parsed.error.issues) errors[fieldOf(String(issue.path[0] ?? ''))] ??= issue.message;
  return errors;
}

/** The server's `details.fields` (path → messages) placed beside the same fields; anything else under the form. */
export function claimErrorsFrom(details: unknown, message: string): ClaimErrors {
  const found = (details as { fields?: Record<string, string[]> } | undefined)?.fields;
  if (!found || Object.keys(found).length === 0) return { form: message };
  const errors: ClaimErrors = {};
  for (const [path, messages] of Object.entries(found)) errors[fieldOf(path.split('.')[0])] ??= messages[0];
  return errors;
}

import Taro from '@tarojs/taro';
import { visitDraftsKey } from '../services/visit-draft-storage';
import type { VisitDraft } from './visit-draft';

/**
 * Visit drafts on the phone, one list per account. They hold what was seen at the door (the
 * category's answers, the findings), so they stay only until the server has the visit: a sent
 * draft is removed at once, and one account never reads another's (docs/privacy-visits.md).
 */
const storageKey = visitDraftsKey;

function isDraft(value: unknown): value is VisitDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<VisitDraft>;
  return typeof draft.draftId === 'string' && typeof draft.person?.id === 'string' && typeof draft.answers === 'object' && draft.answers !== null;
}

export function listVisitDrafts(accountId: string): VisitDraft[] {
  try {
    const stored: unknown = Taro.getStorageSync(storageKey(accountId));
    return Array.isArray(stored) ? stored.filter(isDraft).filter((draft) => draft.accountId === accountId) : [];
  } catch {
    return [];
  }
}

/** The draft for this person that is not yet sent, if any (a person has at most one). */
export function findVisitDraft(accountId: string, personId: string): VisitDraft | undefined {
  return listVisitDrafts(accountId).find((draft) => draft.person.id === personId);
}

/** Keeps the draft (replacing the one with its id); false when the phone's storage refused it. */
export function keepVisitDraft(draft: VisitDraft): boolean {
  const others = listVisitDrafts(draft.accountId).filter((known) => known.draftId !== draft.draftId);
  try {
    Taro.setStorageSync(storageKey(draft.accountId), [...others, draft]);
    return true;
  } catch {
    return false;
  }
}

export function dropVisitDraft(accountId: string, draftId: string): void {
  const rest = listVisitDrafts(accountId).filter((known) => known.draftId !== draftId);
  if (rest.length) Taro.setStorageSync(storageKey(accountId), rest);
  else Taro.removeStorageSync(storageKey(accountId));
}

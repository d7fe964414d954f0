import Taro from '@tarojs/taro';
import { newIdempotencyKey } from './cases';

/**
 * The filing form, kept in storage on every change: a report survives the app being closed, a
 * dead battery and a failed network, and is dropped only once the server has confirmed it. The
 * idempotency key is drawn when the draft starts and sent with every attempt, so a retry after a
 * lost answer never files the same report twice.
 */

/** A photo already stored on the server, with what the form shows for it. */
export interface DraftPhoto {
  id: string;
  /** A local preview (a small data URL on H5, a file path in the mini-program). */
  preview: string;
}

/** Where the problem is: a map point, a compound picked from the list, or both. */
export interface DraftPlace {
  point?: { lng: number; lat: number };
  streetCode?: string;
  streetName?: string;
  gridCode?: string;
  gridName?: string;
  compoundCode?: string;
  compoundName?: string;
  /** The compound's gate, when the compound was picked from the list: to look for duplicates near it (not sent as the case's point). */
  compoundPoint?: { lng: number; lat: number };
  /** What the map or the person said about the spot (e.g. "包河大道与徽州大道交口"). */
  address?: string;
}

export interface FilingDraft {
  idempotencyKey: string;
  subcategoryCode?: string;
  description: string;
  photos: DraftPhoto[];
  place?: DraftPlace;
  anonymous: boolean;
  contactPhone: string;
}

/** Residents' reports and grid members' patrol reports are kept apart: one may be half done while the other is filed. */
export type DraftKind = 'report' | 'patrol';

const storageKey = (kind: DraftKind) => `gongzhi.draft.${kind}`;

export function emptyDraft(idempotencyKey: string = newIdempotencyKey()): FilingDraft {
  return { idempotencyKey, description: '', photos: [], anonymous: false, contactPhone: '' };
}

function isDraft(value: unknown): value is FilingDraft {
  if (typeof value !== 'object' || value === null) return false;
  const draft = value as Partial<FilingDraft>;
  return typeof draft.idempotencyKey === 'string' && draft.idempotencyKey !== '' && typeof draft.description === 'string' && Array.isArray(draft.photos);
}

/** The stored draft, or a new one (with a fresh key, stored at once so the key holds from the first change). */
export function loadDraft(kind: DraftKind): FilingDraft {
  try {
    const stored: unknown = Taro.getStorageSync(storageKey(kind));
    if (isDraft(stored)) return { ...emptyDraft(stored.idempotencyKey), ...stored };
  } catch {
    // An unreadable draft is as good as none.
  }
  const fresh = emptyDraft();
  saveDraft(kind, fresh);
  return fresh;
}

export function saveDraft(kind: DraftKind, draft: FilingDraft): void {
  try {
    Taro.setStorageSync(storageKey(kind), draft);
  } catch {
    // Storage full: the form still works, it just will not survive closing the app.
  }
}

/** Called only after the server confirmed the filing. */
export function clearDraft(kind: DraftKind): void {
  Taro.removeStorageSync(storageKey(kind));
}

/** Whether the draft holds anything the person typed or chose (to offer 继续填写 rather than a blank form). */
export function hasContent(draft: FilingDraft): boolean {
  return Boolean(draft.subcategoryCode || draft.description.trim() || draft.photos.length || draft.place || draft.contactPhone);
}

/** Subcategories this device filed before, most used first: shown first as 常用 in the category picker. */
const usageKey = 'gongzhi.subcategoryUsage';

export function readSubcategoryUsage(): Record<string, number> {
  try {
    const stored: unknown = Taro.getStorageSync(usageKey);
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(Object.entries(stored).filter(([, count]) => typeof count === 'number' && count > 0)) as Record<string, number>;
  } catch {
    return {};
  }
}

export function noteSubcategoryUsed(code: string): void {
  const usage = readSubcategoryUsage();
  usage[code] = (usage[code] ?? 0) + 1;
  Taro.setStorageSync(usageKey, usage);
}

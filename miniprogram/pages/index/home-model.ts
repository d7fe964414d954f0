import type { Me } from '../../services/session';

/** Which home a person gets: staff see their work; 长辈模式 simplifies the resident's home only. */
export type HomeKind = 'staff' | 'resident' | 'elder';

export function homeKind(account: Me | undefined, staff: boolean, elder: boolean): HomeKind {
  if (account && staff) return 'staff';
  return elder ? 'elder' : 'resident';
}

/** A count from the first page of a list: exact when it fits on one page, "20+" when more follow. */
export function pageCount(page: { items: unknown[]; nextCursor: string | null }): string {
  return page.nextCursor ? `${page.items.length}+` : String(page.items.length);
}

/** Roles that patrol their grid and report what they find (巡查上报). */
export function patrols(account: Pick<Me, 'role'> | undefined): boolean {
  return account?.role === 'grid_member' || account?.role === 'grid_leader';
}

/** "包河区" for district-wide roles, else the street (and grid) the account answers for. */
export function scopeLine(account: Pick<Me, 'scope'>, streetName: string | undefined): string {
  const { streetCode, gridCode } = account.scope;
  if (!streetCode && !gridCode && !account.scope.unitCode) return '包河区全区';
  const parts = [streetCode ? (streetName ?? streetCode) : undefined, gridCode ? `网格 ${gridCode}` : undefined].filter(Boolean);
  return parts.join(' · ');
}

/** Morning, noon, afternoon or evening in Beijing time. */
export function greeting(now: Date): string {
  const hour = (now.getUTCHours() + 8) % 24;
  if (hour < 5) return '夜深了';
  if (hour < 11) return '早上好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

/**
 * How the app writes times and durations. Pure: "now" is an argument, and the wall clock is
 * Beijing time (UTC+8, no daylight saving) wherever the phone happens to be set.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

function beijingParts(at: Date) {
  const shifted = new Date(at.getTime() + BEIJING_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate(), hour: shifted.getUTCHours(), minute: shifted.getUTCMinutes() };
}

/** `2026-11-27 14:05`: for records that must be exact. */
export function formatDateTime(iso: string | Date): string {
  const p = beijingParts(new Date(iso));
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "刚刚", "5分钟前", "今天 14:05", "昨天 09:30", "11-20 09:30", "2025-11-20": for lists and timelines. */
export function formatTime(iso: string | Date, now: Date): string {
  const at = new Date(iso);
  const ago = now.getTime() - at.getTime();
  if (ago >= 0 && ago < MINUTE) return '刚刚';
  if (ago >= 0 && ago < HOUR) return `${Math.floor(ago / MINUTE)}分钟前`;
  const p = beijingParts(at);
  const today = beijingParts(now);
  const dayNumber = (x: { year: number; month: number; day: number }) => Date.UTC(x.year, x.month - 1, x.day) / DAY;
  const days = dayNumber(today) - dayNumber(p);
  const clock = `${pad(p.hour)}:${pad(p.minute)}`;
  if (days === 0) return `今天 ${clock}`;
  if (days === 1) return `昨天 ${clock}`;
  if (p.year === today.year) return `${pad(p.month)}-${pad(p.day)} ${clock}`;
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * Time left on a clock: "剩 2天3小时", "剩 45分钟", or "已超时 5小时" once negative. Two units at
 * most: a resident wants to know roughly how long, a handler whether it is hours or days.
 */
export function formatRemaining(remainingMs: number): string {
  const late = remainingMs < 0;
  const ms = Math.abs(remainingMs);
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  const text = days > 0 ? `${days}天${hours > 0 ? `${hours}小时` : ''}` : hours > 0 ? `${hours}小时${minutes > 0 ? `${minutes}分钟` : ''}` : `${Math.max(minutes, late ? 1 : 0)}分钟`;
  return late ? `已超时 ${text}` : `剩 ${text}`;
}

/** The time left until a deadline as of `now` (negative once passed), or null without a deadline. */
export function remainingUntil(deadline: string | null | undefined, now: Date): number | null {
  return deadline ? new Date(deadline).getTime() - now.getTime() : null;
}

/** The colour family of a case's state, shared by every list and the detail page. */
export type StatusTone = 'danger' | 'warning' | 'success' | 'default' | 'primary';

export function statusTone(item: { statusGroup: string; status: string; overdue: boolean; caseOverdue: boolean }): StatusTone {
  if (item.status === 'rejected' || item.status === 'merged') return 'default';
  if (item.statusGroup === 'closed') return 'success';
  if (item.overdue || item.caseOverdue) return 'danger';
  if (item.statusGroup === 'paused') return 'warning';
  return 'primary';
}

/** Hides a phone number's middle digits, as every public text does. */
export function maskPhone(phone: string): string {
  return phone.replace(/(1[3-9]\d)\d{4}(\d{4})/g, '$1****$2');
}

/** A rate as a percentage to one decimal, with a dash before anything is known (no case closed yet). */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

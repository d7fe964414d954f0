import type { RiskLevel } from '../../shared/visits/types';
import type { VisitPerson } from '../services/visits';
import { formatRemaining, formatTime } from '../utils/format';

/** The short names on a tag: the full labels (shared/visits/types.ts) are for the form. */
export const riskShort: Record<RiskLevel, string> = { red: '红', yellow: '黄', blue: '蓝' };
/** The tag's colour: NutUI's own tones have no blue (its primary is the app's green). */
export const riskColor: Record<RiskLevel, string> = { red: '#fa2c19', yellow: '#ff9e0d', blue: '#3578e5' };

const escalationNames = { grid_leader: '网格长', community: '社区' } as const;

/**
 * What a worklist row says about when the person is owed a visit: late first ("逾期 2天3小时,
 * 已提醒网格长"), then due soon, then when it is planned; and why, when a major change set it.
 */
export function dueLine(schedule: VisitPerson['schedule'], now: Date): { text: string; tone: 'danger' | 'warning' | 'default' } {
  const why = schedule.reason === 'major_change' ? '（重大变化后）' : schedule.reason === 'yearly_minimum' ? '（全年次数要求）' : '';
  if (schedule.state === 'overdue') {
    const late = formatRemaining(new Date(schedule.dueAt).getTime() - now.getTime()).replace('已超时', '逾期');
    const told = schedule.escalatedTo.length ? `，已提醒${schedule.escalatedTo.map((to) => escalationNames[to]).join('、')}` : '';
    return { text: `${late}${why}${told}`, tone: 'danger' };
  }
  const when = formatTime(schedule.dueAt, now);
  if (schedule.state === 'due_soon') return { text: `${when} 前走访${why}`, tone: 'warning' };
  return { text: `下次走访 ${when}${why}`, tone: 'default' };
}

/** "上次走访 11-20 09:30", or that there has been none. */
export function lastVisitLine(lastVisitAt: string | null | undefined, now: Date): string {
  return lastVisitAt ? `上次走访 ${formatTime(lastVisitAt, now)}` : '尚未走访';
}

const auditActions: Record<string, string> = {
  list: '在列表中查看',
  read: '打开档案',
  unmask: '查看明文',
  register: '登记',
  update: '更新信息',
  visit: '记录走访',
  sign: '会签',
  archive: '归档',
  restore: '恢复',
  export: '导出本人信息',
  purge: '到期清除',
};
const auditFields: Record<string, string> = { name: '姓名', idNumber: '身份证号', phone: '电话', address: '住址', notes: '备注', visits: '走访内容' };

/** An audit line as the committee reads it: "查看明文：电话" — the raw code when a newer server sends one this app does not know. */
export function auditWhat(action: string, field: string | null): string {
  const what = auditActions[action] ?? action;
  return field ? `${what}：${auditFields[field] ?? field}` : what;
}

/** A figure of the summary: null is a group under the threshold, never counted out. */
export function figure(value: number | null, threshold: number): string {
  return value === null ? `<${threshold}` : String(value);
}

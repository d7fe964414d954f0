import type { Database } from '../db/connection';
import type { UseCases } from '../commands/use-cases';
import type { ReferencePort } from '../commands/ports';
import { actorOfAccount, findAccountByLoginKey } from '../auth/accounts';

/**
 * 入户走访 demo people for `npm start`: fictional residents of grid member0101's first compound,
 * registered by its grid leader and visited by its member through the use cases (so every field
 * is sealed as in production), some late, some due, some not yet. Written once, on an empty register,
 * when the demo district was just written (server/main.ts): a database someone already uses is left alone.
 */
const demoPeople = [
  { categoryCode: 'elderly_alone', risk: 'red', name: '示例·王桂英', idNumber: '340111193802150021', phone: '13905510101', address: '1栋2单元301室', lastVisitDaysAgo: 9, answers: { livesAlone: true, healthNote: '高血压，行动不便', emergencyContactReachable: true } },
  { categoryCode: 'elderly', risk: 'yellow', name: '示例·李长福', idNumber: '340111193105080013', address: '3栋1单元102室', lastVisitDaysAgo: 29, answers: { livesAlone: false, healthNote: '听力下降' } },
  { categoryCode: 'severe_disability', risk: 'yellow', name: '示例·赵红梅', idNumber: '340111197609120048', phone: '13905510103', address: '5栋401室', lastVisitDaysAgo: 33, answers: { caregiver: '丈夫' } },
  { categoryCode: 'low_income', risk: 'blue', name: '示例·孙建国', idNumber: '340111196511030035', address: '7栋602室', lastVisitDaysAgo: 20, answers: {} },
  { categoryCode: 'children_difficulty', risk: 'red', name: '示例·周小雨', idNumber: '340111201403060022', address: '2栋1101室' },
  { categoryCode: 'elderly_alone', risk: 'blue', name: '示例·吴秀兰', idNumber: '340111194207220041', address: '4栋203室', lastVisitDaysAgo: 100, answers: { livesAlone: true, healthNote: '腿脚不便', emergencyContactReachable: false } },
] as const;

export async function seedDemoVisitPeople(database: Database, useCases: UseCases, reference: ReferencePort, now: Date): Promise<number> {
  const leaderAccount = await findAccountByLoginKey(database, 'pw:grid0101');
  const memberAccount = await findAccountByLoginKey(database, 'pw:member0101');
  const leader = leaderAccount && actorOfAccount(leaderAccount);
  const member = memberAccount && actorOfAccount(memberAccount);
  if (!leader || !member || leader.role !== 'grid_leader') return 0;
  const existing = await useCases.visits.list(leader, { limit: 1 });
  if (existing.items.length) return 0;
  const categories = new Set((await useCases.visits.visibleCategories(leader)).categories.map((c) => c.code));
  const compound = [...reference.compounds.values()].find((c) => c.gridCode === leader.scope.gridCode && reference.communityOf(c.code));
  if (!compound) return 0;
  let registered = 0;
  for (const [index, demo] of demoPeople.entries()) {
    if (!categories.has(demo.categoryCode)) continue;
    const { lastVisitDaysAgo, answers, ...fields } = demo as (typeof demoPeople)[number] & { lastVisitDaysAgo?: number; answers?: Record<string, string | boolean> };
    const person = await useCases.visits.register(leader, { ...fields, compoundCode: compound.code, address: `${compound.name}${demo.address}` });
    registered++;
    if (lastVisitDaysAgo === undefined) continue;
    await useCases.visits.visit(member, person.id, {
      draftId: `demo-seed-visit-${index}`,
      visitedAt: atTenInBeijing(new Date(now.getTime() - lastVisitDaysAgo * 86_400_000)),
      method: 'in_person',
      met: true,
      answers: answers ?? {},
      nextRisk: demo.risk,
      notifyDepartment: false,
    });
  }
  return registered;
}

/** A visit of that day at 10:00 Beijing time: the demo's visits happen in office hours. */
function atTenInBeijing(day: Date): Date {
  const beijingDate = new Date(day.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${beijingDate}T10:00:00+08:00`);
}

import type { StoredVisit, StoredVisitPerson } from '../ports';
import { personAad, visitAad, type VisitCommandDeps } from './access';

/**
 * Re-encrypts every sealed field not under the current key (after a key is put first in
 * VISITS_KEYS), batch by batch in id order; safe to run again after an interruption, since fields
 * already under the current key are left alone. Answers how many records it rewrote.
 */
export async function rekeyVisits(deps: Pick<VisitCommandDeps, 'visits' | 'sealer'>, batch = 200): Promise<{ people: number; visits: number }> {
  const { sealer, visits: store } = deps;
  const reseal = (sealed: string, aad: string) => (sealer.keyIdOf(sealed) === sealer.currentKeyId ? sealed : sealer.seal(sealer.open(sealed, aad), aad));
  let people = 0;
  for (let after: string | undefined, page: StoredVisitPerson[]; (page = await store.peopleBatch(after, batch)).length; after = page[page.length - 1].id) {
    for (const person of page) {
      const next = Object.fromEntries(Object.entries(person.sealed).map(([field, value]) => [field, reseal(value, personAad(person.id, field as never))]));
      if (Object.entries(next).some(([field, value]) => value !== person.sealed[field as keyof typeof person.sealed])) {
        await store.resealPerson(person.id, next);
        people += 1;
      }
    }
  }
  let visits = 0;
  for (let after: string | undefined, page: StoredVisit[]; (page = await store.visitsBatch(after, batch)).length; after = page[page.length - 1].id) {
    for (const visit of page) {
      const next = Object.fromEntries(Object.entries(visit.sealed).map(([field, value]) => [field, reseal(value, visitAad(visit.id, field))])) as StoredVisit['sealed'];
      if (Object.entries(next).some(([field, value]) => value !== visit.sealed[field as keyof StoredVisit['sealed']])) {
        await store.resealVisit(visit.id, next);
        visits += 1;
      }
    }
  }
  return { people, visits };
}

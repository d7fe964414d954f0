import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, syncIndexes, type Database } from '../server/db/connection';
import type { Catalog } from '../shared/catalog/types';
import type { DayRange } from '../shared/stats/types';
import { ReferenceData } from '../server/reference/reference-data';
import { seedDemoDistrict } from '../server/seed/seed';
import { startServerProcess } from '../server/testing/server-process';
import { addDays, districtDayOf, previousRangeOf } from '../shared/stats/rows';
import { mongoStatsLedger } from '../server/db/stats-store';
import { monthsOf } from '../server/commands/stats/projection';

/** Every day from `from` to `to`. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}
import { beijingStartOf, generateYear } from './dashboard-cases';
import { countedEventsOf, foldIntoDatabase } from './dashboard-seam';

/** The last `months` whole months before today's (Beijing time): what a district reviews in a year. */
export function lastWholeMonths(now: Date, months: number): { from: string; to: string } {
  const today = districtDayOf(now);
  const to = addDays(`${today.slice(0, 8)}01`, -1);
  const [year, month] = to.split('-').map(Number) as [number, number];
  const from = new Date(Date.UTC(year, month - months, 1)).toISOString().slice(0, 10);
  return { from, to };
}

/**
 * p95 of `GET /api/v1/stats/dashboard` for the district over the last 12 whole months, through the
 * real server (a child process, runner off), on counter documents folded from a generated year of
 * `cases` cases: derived with the same `countedEventsOf` and folded with the same store code as
 * production. Sequential requests after a warm-up, so the figure is one request's cost, not a queue's.
 */
export async function measureDashboardAt(engineUri: string, workDir: string, options: { cases: number; samples: number }) {
  const databaseUri = `${engineUri}/bench_dashboard_${options.cases}`;
  const database = await openDatabase(databaseUri);
  try {
    await syncIndexes(database);
    await seedDemoDistrict(database, { hashPasswords: false });
    const reference = await ReferenceData.load(database);
    const now = new Date();
    const year = lastWholeMonths(now, 12);
    const catalog = await reference.latestCatalog(now.getTime());

    // In a function of its own: the year's cases and events (gigabytes at 85,000) are garbage before
    // timing starts, or the collector's pauses in this process are measured as the server's latency.
    const folded = await storeGeneratedYear(database, reference, catalog, year, options.cases, now);

    writeFileSync(path.join(workDir, 'index.html'), '<!doctype html><title>bench</title>');
    const server = await startServerProcess({ databaseUri, workDir, env: { RUN_JOBS: 'false' } });
    try {
      const login = await fetch(`${server.base}/api/v1/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'district' }) });
      const { token } = (await login.json()) as { token: string };
      const url = `${server.base}/api/v1/stats/dashboard?from=${year.from}&to=${year.to}`;
      const once = async () => {
        const at = performance.now();
        const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        const body = (await response.json()) as { totals?: { filed: number } };
        if (response.status !== 200) throw new Error(`dashboard answered ${response.status}: ${JSON.stringify(body)}`);
        return { ms: performance.now() - at, filed: body.totals!.filed };
      };
      const warm = await once();
      if (warm.filed !== options.cases) throw new Error(`the dashboard counts ${warm.filed} filed cases, not the ${options.cases} generated`);
      const latencies: number[] = [];
      for (let n = 0; n < options.samples; n += 1) latencies.push((await once()).ms);
      // Cold: every month of both periods stamped as changed before each request, as after a fold
      // touching all of them, so the server reads and adds every document again.
      const ledger = mongoStatsLedger(database);
      const months = monthsOf(daysBetween(previousRangeOf(year).from, year.to));
      const cold: number[] = [];
      for (let n = 0; n < Math.ceil(options.samples / 2); n += 1) {
        await ledger.bumpStamps(months);
        cold.push((await once()).ms);
      }
      return {
        p50Ms: round1(percentile(latencies, 0.5)),
        p95Ms: round1(percentile(latencies, 0.95)),
        coldP50Ms: round1(percentile(cold, 0.5)),
        coldP95Ms: round1(percentile(cold, 0.95)),
        counterDocuments: folded.documents,
        events: folded.events,
      };
    } finally {
      await server.stop();
    }
  } finally {
    await database.connection.dropDatabase();
    await database.close();
  }
}

async function storeGeneratedYear(database: Database, reference: ReferenceData, catalog: Catalog, year: DayRange, cases: number, now: Date) {
  let started = performance.now();
  const generated = generateYear(reference, catalog, { cases, from: beijingStartOf(year.from), until: beijingStartOf(addDays(year.to, 1)) });
  if (generated.refused > generated.steps * 0.01) throw new Error(`the case machine refused ${generated.refused} of ${generated.steps} scripted steps: the generator drifted from the rules`);
  const events = generated.cases.flatMap((record) => countedEventsOf(record));
  console.log(`dashboard: ${cases} cases, ${events.length} counted events made in ${Math.round(performance.now() - started)} ms`);
  started = performance.now();
  const folded = await foldIntoDatabase(database, events, now);
  console.log(`dashboard: ${folded.documents} counter documents folded and stored in ${Math.round(performance.now() - started)} ms`);
  return { documents: folded.documents, events: events.length };
}

/** `dashboard_year_ms` (p95 at the seed's volume, target ≤ 200) and `dashboard_growth` (its ratio to 2,000 cases, target ≤ 1.5). */
export async function measureDashboard(engineUri: string, workDir: string, options: { cases: number; smallCases: number; samples: number }) {
  const small = await measureDashboardAt(engineUri, workDir, { cases: options.smallCases, samples: options.samples });
  console.log('dashboard small', small);
  const large = await measureDashboardAt(engineUri, workDir, { cases: options.cases, samples: options.samples });
  console.log('dashboard large', large);
  const growth = Math.round((large.p95Ms / small.p95Ms) * 1000) / 1000;
  return {
    dashboard_year_ms: { value: large.p95Ms, unit: 'ms', p50Ms: large.p50Ms, coldP50Ms: large.coldP50Ms, coldP95Ms: large.coldP95Ms, cases: options.cases, events: large.events, counterDocuments: large.counterDocuments, samples: options.samples, target: 200, met: large.p95Ms <= 200 },
    dashboard_growth: { value: growth, unit: 'ratio', coldRatio: Math.round((large.coldP95Ms / small.coldP95Ms) * 1000) / 1000, smallCases: options.smallCases, smallP95Ms: small.p95Ms, smallColdP95Ms: small.coldP95Ms, smallCounterDocuments: small.counterDocuments, target: 1.5, met: growth <= 1.5 },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

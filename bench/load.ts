import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const autocannonBin = path.resolve(__dirname, '../node_modules/autocannon/autocannon.js');

export interface LoadTarget {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  connections: number;
  seconds: number;
  /** Send exactly this many requests instead of running for `seconds` (warm-up). */
  amount?: number;
}

/**
 * Runs autocannon in a process of its own (so the load generator does not share the server's
 * event loop) and returns requests per second; non-2xx answers fail the run rather than count.
 */
export async function measureRps(target: LoadTarget, options: LoadOptions): Promise<number> {
  const args = [autocannonBin, '--json', '-c', String(options.connections), '-t', '60', '-m', target.method ?? 'GET'];
  args.push(...(options.amount ? ['-a', String(options.amount)] : ['-d', String(options.seconds)]));
  for (const [name, value] of Object.entries(target.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (target.body !== undefined) args.push('-b', target.body);
  args.push(target.url);
  const { stdout } = await execFileAsync(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as { duration: number; non2xx: number; errors: number; '2xx': number };
  if (result.non2xx > 0 || result.errors > 0 || result['2xx'] === 0) {
    throw new Error(`load on ${target.url} got ${result['2xx']} 2xx, ${result.non2xx} non-2xx answers and ${result.errors} errors (timeouts included)`);
  }
  return result['2xx'] / (options.amount ? result.duration : options.seconds);
}

/**
 * Measures ours and the baseline alternately, several rounds, and keeps each side's median:
 * on two cores a single run drifts with whatever else the machine does.
 */
export async function compare(ours: LoadTarget, baseline: LoadTarget, options: LoadOptions & { rounds: number }) {
  await measureRps(baseline, { ...options, amount: options.connections * 5 });
  await measureRps(ours, { ...options, amount: options.connections * 5 });
  const oursRuns: number[] = [];
  const baselineRuns: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    baselineRuns.push(await measureRps(baseline, options));
    oursRuns.push(await measureRps(ours, options));
  }
  const value = median(oursRuns);
  const base = median(baselineRuns);
  return { value: fourDigits(value), unit: 'req/s', baseline: fourDigits(base), ratio: Math.round((value / base) * 1000) / 1000 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Four significant digits: the inbox on FerretDB is under one request a second. */
const fourDigits = (n: number) => Number(n.toPrecision(4));

import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { filesUnder, MAIN_PACKAGE_BUDGET_BYTES, measurePackages, overBudget } from './package-sizes';

const run = promisify(execFile);

/** The real weapp build, once, into a folder of its own (the developer's dist/ is left alone). */
describe('the WeChat mini-program build', () => {
  const outputRoot = join(mkdtempSync(join(tmpdir(), 'weapp-')), 'weapp');

  beforeAll(async () => {
    await run('npx', ['taro', 'build', '--type', 'weapp'], { env: { ...process.env, TARO_OUTPUT_ROOT: outputRoot, NODE_ENV: 'production' }, maxBuffer: 64 * 1024 * 1024 });
  }, 300_000);

  it('keeps the main package within its 1.5 MB budget', () => {
    const sizes = measurePackages(outputRoot);
    expect(sizes.main).toBeGreaterThan(100 * 1024);
    expect(sizes.main).toBeLessThanOrEqual(MAIN_PACKAGE_BUDGET_BYTES);
    expect(overBudget(sizes)).toEqual([]);
  });

  it('ships the staff pages in their own subpackage, not in the main package', () => {
    const app = JSON.parse(readFileSync(join(outputRoot, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
    expect(app.pages.some((page) => page.startsWith('staff/'))).toBe(false);
    expect(app.subPackages).toContainEqual(expect.objectContaining({ root: 'staff' }));
    expect(existsSync(join(outputRoot, 'staff', 'inbox', 'index.js'))).toBe(true);
    expect(measurePackages(outputRoot).subpackages.staff).toBeGreaterThan(0);
  });

  it('ships the charts (ECharts, zrender) in the stats subpackage only', () => {
    const app = JSON.parse(readFileSync(join(outputRoot, 'app.json'), 'utf8')) as { subPackages: { root: string; pages: string[] }[] };
    expect(app.subPackages).toContainEqual(expect.objectContaining({ root: 'stats', pages: expect.arrayContaining(['dashboard/index', 'public/index']) }));
    const drawing = filesUnder(outputRoot).filter((file) => file.endsWith('.js') && readFileSync(file, 'utf8').includes('zrender'));
    expect(drawing.length).toBeGreaterThan(0);
    expect(drawing.every((file) => relative(outputRoot, file).split(sep)[0] === 'stats')).toBe(true);
  });
});

describe('overBudget', () => {
  it('names a main package over 1.5 MB and a subpackage over 2 MB', () => {
    expect(overBudget({ main: MAIN_PACKAGE_BUDGET_BYTES + 1, subpackages: { staff: 2 * 1024 * 1024 + 1 }, total: 0 })).toHaveLength(2);
    expect(overBudget({ main: MAIN_PACKAGE_BUDGET_BYTES, subpackages: { staff: 1024 }, total: 0 })).toEqual([]);
  });
});

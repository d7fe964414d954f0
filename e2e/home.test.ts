import { afterAll, beforeAll, expect, it } from 'vitest';
import { baoheCatalog } from '../shared/catalog/baohe-catalog';
import { screenshot, startE2E, type E2E } from './support';

/**
 * The portal's home page (miniprogram/pages/index) in a phone against the real server: what it
 * reads must come through. Found by the words a resident sees, not by class names, so the test
 * holds while the page's layout changes.
 */

let e2e: E2E | undefined;

beforeAll(async () => {
  e2e = await startE2E('home');
});

afterAll(async () => {
  await e2e?.close();
});

it('the home page shows 共治包河, the service as running and the 11 categories of the service list', async () => {
  const { page, errors } = await e2e!.phone();
  await page.goto('/');
  // Visible: H5's hidden navigation bar carries the same title.
  await page.getByText('共治包河', { exact: true }).filter({ visible: true }).first().waitFor();
  // Health comes from GET /api/health: 服务正常 only when the server and its database answer.
  await page.getByText('服务正常', { exact: true }).waitFor();
  const names = baoheCatalog.categories.map((category) => category.name);
  expect(names).toHaveLength(11);
  // The categories come from GET /api/v1/catalog, the service list the server seeded.
  for (const name of names) await page.getByText(name, { exact: true }).filter({ visible: true }).first().waitFor();
  await screenshot(page, 'home');
  expect(errors).toEqual([]);
});

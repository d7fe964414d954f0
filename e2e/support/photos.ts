import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { shown } from './locators';

/**
 * A real JPEG with some structure, written to a temporary folder: the app decodes and recompresses
 * it in a canvas, the server checks it. `remove` deletes the folder.
 */
export async function writeTestPhoto(name: string): Promise<{ file: string; remove: () => void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gzbh-e2e-photo-'));
  const file = path.join(dir, name);
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><rect width="1200" height="900" fill="#8a7f70"/>` +
      `<rect x="200" y="300" width="500" height="400" fill="#b5651d"/><rect x="750" y="450" width="300" height="250" fill="#4a6fa5"/></svg>`,
  );
  await sharp(stripes).jpeg({ quality: 85 }).toFile(file);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Adds `file` through a photo picker: Taro's H5 chooseMedia opens a file input. */
export async function addPhoto(page: Page, addLabel: string, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await shown(page, addLabel).click();
  // On a phone's user agent Taro asks camera or album first.
  const album = shown(page, '从相册选择');
  const picked = await Promise.race([chooser, album.waitFor().then(() => undefined)]);
  if (picked) await picked.setFiles(file);
  else {
    const fromAlbum = page.waitForEvent('filechooser');
    await album.click();
    await (await fromAlbum).setFiles(file);
  }
  // Uploaded: the tile no longer says 上传中 and offers no 重试.
  await page.locator('.photo-tile--done').filter({ visible: true }).first().waitFor();
}

/**
 * Draws the tab bar's icons: four simple line drawings, grey when not selected and WeChat green
 * when selected, 81×81 PNG as the mini-program's tab bar takes them (it shows no SVG).
 * Run from the repository root after changing a drawing: `npx tsx config/tab-icons.ts`; the PNGs
 * are committed.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';

const SIZE = 81;
const colours = { normal: '#5f6b7a', selected: '#07c160' } as const;

/** Each drawing on a 48×48 grid, strokes in `currentColor` (replaced by the state's colour). */
const drawings: Record<string, string> = {
  home: `<path d="M7 22 L24 8 L41 22" /><path d="M12 19 V40 H36 V19" /><path d="M20 40 V29 H28 V40" />`,
  public: `<rect x="9" y="7" width="30" height="34" rx="4" /><path d="M16 17 H32" /><path d="M16 24 H32" /><path d="M16 31 H26" />`,
  messages: `<path d="M8 12 Q8 9 11 9 H37 Q40 9 40 12 V30 Q40 33 37 33 H21 L13 40 V33 H11 Q8 33 8 30 Z" /><path d="M16 19 H32" /><path d="M16 25 H27" />`,
  me: `<circle cx="24" cy="17" r="8" /><path d="M9 41 Q9 28 24 28 Q39 28 39 41" />`,
};

function svg(drawing: string, colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 48 48" fill="none" stroke="${colour}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round">${drawing}</svg>`;
}

async function main(): Promise<void> {
  const outDir = resolve('miniprogram/assets/tab');
  await mkdir(outDir, { recursive: true });
  for (const [name, drawing] of Object.entries(drawings)) {
    for (const [state, colour] of Object.entries(colours)) {
      const file = resolve(outDir, `${name}${state === 'selected' ? '-active' : ''}.png`);
      await sharp(Buffer.from(svg(drawing, colour))).resize(SIZE, SIZE).png({ compressionLevel: 9 }).toFile(file);
      console.log(file);
    }
  }
}

void main();

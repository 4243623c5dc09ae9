import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.js';

/**
 * npm run icons: renders manifest/icons/*.svg to the exact PNG sizes Teams asks for
 * (color 192×192, outline 32×32 on transparent), with Debian's Chromium.
 */
const dir = fileURLToPath(new URL('../../../manifest/', import.meta.url));
const ICONS = [
  { svg: 'icons/color.svg', png: 'color.png', size: 192 },
  { svg: 'icons/outline.svg', png: 'outline.png', size: 32 },
];

const browser = await chromium.launch(chromiumLaunchOptions());
try {
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
    const svg = fs.readFileSync(`${dir}${icon.svg}`, 'utf8');
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg}</body></html>`,
    );
    await page.screenshot({
      path: `${dir}${icon.png}`,
      omitBackground: true,
      clip: { x: 0, y: 0, width: icon.size, height: icon.size },
    });
    console.log(`manifest/${icon.png} (${icon.size}×${icon.size})`);
  }
} finally {
  await browser.close();
}

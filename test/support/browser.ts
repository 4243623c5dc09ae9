import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { CHROMIUM_PATH, chromiumLaunchOptions } from '../../src/cli/chromium.js';
import { ensureDebianPackage } from './debianPackage.js';

/** Installs Debian's Chromium when it is missing (CI machines start without it). */
export function ensureChromium(): void {
  ensureDebianPackage(CHROMIUM_PATH, 'chromium', 'for the browser tests');
}

/**
 * `extraArgs` for tests that need them: a page posing as teams.microsoft.com may frame the tab
 * on 127.0.0.1 only with Chromium's local-network checks off (in Teams both are public).
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  ensureChromium();
  const options = chromiumLaunchOptions();
  return chromium.launch({ ...options, args: [...(options.args ?? []), ...extraArgs] });
}

/** A context that can reach this machine only (the Playground asks a CDN for fonts; it works without). */
export async function loopbackContext(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 1400 },
    ...(options.locale ? { locale: options.locale } : {}),
  });
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === 'localhost' || host === '127.0.0.1' ? route.continue() : route.abort();
  });
  return context;
}

/** Screenshots a person can look at after the run. */
const SCREENSHOT_DIR = new URL('../../../test-output/e2e/', import.meta.url);
export function screenshotPath(name: string): string {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return new URL(`${name}.png`, SCREENSHOT_DIR).pathname;
}

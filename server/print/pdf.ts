// Renders the print view to PDF (and PNG for checks) with the system Chromium through playwright-core.
import { type Browser, chromium } from 'playwright-core';
import { chromiumPath } from '../config.js';

/** The Chromium binary: SANHEYI_CHROMIUM or Debian's (config.ts reads the variable). */
export const CHROMIUM_PATH = chromiumPath();

/** Headless in a container: no sandbox, no GPU, nothing fetched in the background. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface RenderOptions {
  executablePath?: string;
  timeoutMs?: number;
}

export async function launchChromium(options: RenderOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: options.timeoutMs ?? 30_000,
  });
}

async function withPage<T>(html: string, options: RenderOptions, use: (page: import('playwright-core').Page) => Promise<T>): Promise<T> {
  const browser = await launchChromium(options);
  try {
    const page = await browser.newPage();
    // The view is self-contained: nothing may be fetched while rendering it.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load', timeout: options.timeoutMs ?? 30_000 });
    await page.evaluate(() => document.fonts.ready);
    return await use(page);
  } finally {
    await browser.close();
  }
}

/** A4 PDF of a print-view HTML document (page size and margins from its @page rule). */
export async function renderPdf(html: string, options: RenderOptions = {}): Promise<Buffer> {
  return withPage(html, options, async (page) => {
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    return Buffer.from(pdf);
  });
}

/** PNG of the print view as printed (print media, A4 width), for visual checks. */
export async function renderPng(html: string, options: RenderOptions & { fullPage?: boolean } = {}): Promise<Buffer> {
  return withPage(html, options, async (page) => {
    await page.setViewportSize({ width: 900, height: 1273 });
    await page.emulateMedia({ media: 'print' });
    return Buffer.from(await page.screenshot({ fullPage: options.fullPage ?? true }));
  });
}

// The print view's public functions: HTML for printing and PDF/PNG rendering through the system Chromium.
export { renderPrintHtml, escapeHtml, chineseDate } from './html.js';
export type { PrintMeta } from './html.js';
export { renderPdf, renderPng, launchChromium, CHROMIUM_PATH } from './pdf.js';

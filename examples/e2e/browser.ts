/**
 * Shared pieces of the browser end-to-end tests: Debian's Chromium driven by playwright-core, a
 * page watcher that records console errors, uncaught exceptions, CSP violations and every request
 * (anything not addressed to 127.0.0.1 is blocked and recorded).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** The Chromium the tests drive: $CHROMIUM_PATH, else Debian's. */
export const CHROMIUM = [process.env['CHROMIUM_PATH'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p)) ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** What happened on a page while it was watched. */
export interface PageLog {
  /** console.error messages and uncaught exceptions. */
  errors: string[];
  /** console.warn messages. */
  warnings: string[];
  /** Content-Security-Policy violations reported in the page (`securitypolicyviolation`). */
  violations: string[];
  /** Requests to any host but 127.0.0.1 (blocked). */
  external: string[];
  /** Responses with an HTTP error status. */
  failed: string[];
}

/** Opens a page in `context` and records what it does (see PageLog). */
export async function watchedPage(context: BrowserContext): Promise<{ page: Page; log: PageLog }> {
  const log: PageLog = { errors: [], warnings: [], violations: [], external: [], failed: [] };
  const page = await context.newPage();
  await page.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if ((url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'ws:') && url.hostname !== '127.0.0.1') {
      log.external.push(url.href);
      return route.abort('blockedbyclient');
    }
    return route.continue();
  });
  page.on('console', (message) => {
    if (message.type() === 'error') log.errors.push(message.text());
    if (message.type() === 'warning') log.warnings.push(message.text());
  });
  page.on('pageerror', (error) => log.errors.push(`uncaught: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) log.failed.push(`${response.status()} ${response.url()}`);
  });
  // Violations are reported to the page before any of its scripts run.
  await page.exposeFunction('__toileViolation', (text: string) => log.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __toileViolation(text: string): void }).__toileViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      );
    });
  });
  return { page, log };
}

/** Waits until the `<toile-data>` of the page has loaded its document. */
export async function waitForData(page: Page, selector = 'toile-data'): Promise<void> {
  await page.waitForFunction((s) => {
    const data = document.querySelector(s) as (HTMLElement & { value?: unknown }) | null;
    return !!data?.value;
  }, selector);
}

/** Waits until the first `<toile-network>` has drawn its canvas with cytoscape. */
export async function waitForNetwork(page: Page, selector = 'toile-network'): Promise<void> {
  await page.waitForFunction((s) => {
    const network = document.querySelector(s) as (HTMLElement & { cytoscape?: { nodes(): { length: number } } }) | null;
    return (network?.cytoscape?.nodes().length ?? 0) > 0;
  }, selector);
}

/**
 * Waits until an element matching `selector` (shadow roots pierced) shows `text`: a substring
 * (case-insensitive) or a regular expression. playwright-core has no retrying `expect`.
 */
export async function waitForText(scope: Page | Locator, selector: string, text: string | RegExp): Promise<void> {
  await scope.locator(selector, { hasText: text }).first().waitFor();
}

/** How many establishments the network's list holds: it is virtualised, and each row says the whole count (`aria-setsize`). */
export async function networkListSize(page: Page, selector = 'toile-network'): Promise<number> {
  const row = page.locator(`${selector} [part="list"] [role="listitem"]`).first();
  await row.waitFor();
  return Number(await row.getAttribute('aria-setsize'));
}

/** Chooses an establishment in the network's list as a visitor would: types its name in the search box above the list, then clicks it. */
export async function chooseInList(page: Page, name: string, selector = 'toile-network'): Promise<void> {
  await page.locator(`${selector} input[type="search"]`).fill(name);
  await page.locator(`${selector} [part="list"] button`, { hasText: name }).first().click();
}

import chromium from '@sparticuz/chromium';
import { chromium as playwright, type Browser } from 'playwright-core';
import { readTestEnvironment } from '@changepulse/core';

/**
 * A real headless Chromium: the binary shipped in the `@sparticuz/chromium` npm package (so
 * `npm test` needs no system browser), or CHROMIUM_PATH when set.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = readTestEnvironment().chromiumPath || (await chromium.executablePath());
  return playwright.launch({
    executablePath,
    headless: true,
    // Background networking would try to reach Google's hosts, which this network refuses.
    // `--single-process` (meant for AWS Lambda) ends the whole browser when a context closes.
    args: [...chromium.args.filter((arg) => arg !== '--single-process'), '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

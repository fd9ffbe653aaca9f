// The system's Chromium for the tests that open pages (Debian's chromium package, driven by playwright-core, which
// downloads no browser). Without it those tests skip with a printed reason; under CI=true they fail, since .ci/run
// installs it.
import { spawnSync } from 'child_process';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

/** CHROMIUM_PATH, or the first of Debian's names on the PATH. */
export function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/** The browser's path, or undefined after printing why the caller's tests skip; throws under CI=true. */
export function browserOrSkip(testFile: string): string | undefined {
  const found = chromiumPath();
  if (found === undefined && process.env.CI === 'true') {
    throw new Error(`${testFile} needs Chromium (Debian's chromium package) under CI=true: .ci/run installs it with apt-get`);
  }
  if (found === undefined) {
    // eslint-disable-next-line no-console
    console.log(`${testFile}: skipped: no Chromium on the PATH (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  return found;
}

export function launchBrowser(executablePath: string): Promise<Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

/** A blank page with Mermaid's own bundle loaded from node_modules (no network), ready for `parseMermaid`. */
export async function mermaidPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ path: path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js') });
  // The syntax is what is checked: Mermaid's default of 500 edges is a rendering limit (dot has none).
  await page.evaluate(() => (globalThis as any).mermaid.initialize({ startOnLoad: false, maxEdges: 1_000_000 }));
  return page;
}

/** Mermaid's verdict on a text: undefined when it parses, else its error. */
export function parseMermaid(page: Page, text: string): Promise<string | undefined> {
  return page.evaluate(async source => {
    try {
      await (globalThis as any).mermaid.parse(source);
      return undefined;
    } catch (e) {
      return String((e as Error)?.message ?? e);
    }
  }, text);
}

/**
 * Which Chromium the e2e tests drive. Playwright cannot always download its own browser (offline
 * machines, CI without the cache), so this looks, in order, at PLAYWRIGHT_CHROMIUM_EXECUTABLE,
 * Playwright's own download, and the distribution's Chromium, and otherwise stops with how to
 * install one.
 */
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const SYSTEM_CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium", "/usr/bin/google-chrome"];

export interface FoundBrowser {
  /** undefined means Playwright's own browser, at its default path. */
  executablePath: string | undefined;
  source: string;
}

export function findChromium(env: Record<string, string | undefined> = process.env): FoundBrowser {
  const fromEnv = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE is ${fromEnv}, but there is no file there.`);
    return { executablePath: fromEnv, source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" };
  }
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { executablePath: undefined, source: `Playwright's Chromium (${own})` };
  } catch {
    // Playwright's registry may not know a browser for this platform; try the system's.
  }
  for (const candidate of SYSTEM_CHROMIUMS) {
    if (existsSync(candidate)) return { executablePath: candidate, source: candidate };
  }
  throw new Error(
    [
      "No Chromium found for the end-to-end tests. Install one of:",
      "  npx playwright install chromium            (Playwright's own build)",
      "  sudo apt-get install -y chromium           (Debian / Ubuntu)",
      "or point PLAYWRIGHT_CHROMIUM_EXECUTABLE at a Chromium or Chrome binary.",
    ].join("\n"),
  );
}

/** Headless flags that keep a shared CI machine quiet and the browser off the network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

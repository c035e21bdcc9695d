import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The scripts the dashboard loads, by the name it serves them under. */
export type AssetName = 'chart.umd.js' | 'dashboard.js';

export interface Asset {
  body: Buffer;
  /** A short hash of the content: the URL's `?v=`, so a long cache never serves an old file. */
  version: string;
}

// dashboard.js is hand-written browser code, not compiled: next to this file when running from
// the source (tests) or when the build copied it, else in the source tree beside dist/.
const DASHBOARD_SCRIPT = [join(__dirname, 'assets', 'dashboard.js'), join(__dirname, '..', '..', '..', '..', '..', 'apps', 'api', 'src', 'dashboard', 'assets', 'dashboard.js')];

function locate(name: AssetName): string {
  // chart.js exports no path to its UMD build; it sits beside the CommonJS entry.
  if (name === 'chart.umd.js') return join(dirname(require.resolve('chart.js')), 'chart.umd.js');
  const found = DASHBOARD_SCRIPT.find((path) => existsSync(path));
  if (!found) throw new Error(`dashboard.js not found in ${DASHBOARD_SCRIPT.join(' or ')}`);
  return found;
}

const loaded = new Map<AssetName, Asset>();

/** The asset's bytes and version, read once. */
export function asset(name: AssetName): Asset {
  let found = loaded.get(name);
  if (!found) {
    const body = readFileSync(locate(name));
    found = { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
    loaded.set(name, found);
  }
  return found;
}

/** The script URLs of a dashboard page, in load order; none if a file is missing (the tables still work). */
export function dashboardScripts(): string[] {
  try {
    return (['chart.umd.js', 'dashboard.js'] as const).map((name) => `/assets/${name}?v=${asset(name).version}`);
  } catch {
    return [];
  }
}

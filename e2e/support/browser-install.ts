import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Where Debian's `chromium` package puts its launcher; playwright-core drives it (it never downloads a browser here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A Debian package the browser tests need, and how to tell it is there without asking apt. */
export interface BrowserPackage {
  name: string;
  present(): Promise<boolean>;
}

/** The browser, and the fonts without which Chinese text screenshots as empty boxes. */
export const browserPackages: readonly BrowserPackage[] = [
  { name: 'chromium', present: async () => isExecutable(CHROMIUM_PATH) },
  { name: 'fonts-noto-cjk', present: () => debianPackageInstalled('fonts-noto-cjk') },
];

/** Runs one command to its end (output kept for the error); root runs it as is, anyone else through `sudo -n`. */
export type CommandRunner = (args: string[]) => Promise<void>;

const aptRunner: CommandRunner = async (args) => {
  const [command, ...rest] = process.getuid?.() === 0 ? args : ['sudo', '-n', ...args];
  try {
    await execFileAsync(command!, rest, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(`${args.join(' ')} failed: ${failed.message}\n${(failed.stderr ?? '').slice(-2000)}`, { cause: error });
  }
};

/**
 * Installs Debian's `chromium` and `fonts-noto-cjk` with apt when either is missing (this
 * machine's only way to get a browser), the way `server/testing/redis.ts` gets redis-server:
 * `apt-get update` once, then one `apt-get install` of what is missing. When both are there it
 * runs nothing at all, so it is cheap to call at the start of every run. Returns the names it installed.
 */
export async function ensureBrowserInstalled(
  options: { packages?: readonly BrowserPackage[]; run?: CommandRunner; log?: (line: string) => void } = {},
): Promise<string[]> {
  const { packages = browserPackages, run = aptRunner, log = () => {} } = options;
  const missing: string[] = [];
  for (const item of packages) if (!(await item.present())) missing.push(item.name);
  if (missing.length === 0) return [];
  log(`Installing ${missing.join(', ')} with apt for the browser tests (once, a minute or two)…`);
  await run(['apt-get', 'update']);
  await run(['apt-get', 'install', '-y', '--no-install-recommends', ...missing]);
  const stillMissing: string[] = [];
  for (const item of packages) if (missing.includes(item.name) && !(await item.present())) stillMissing.push(item.name);
  if (stillMissing.length > 0) throw new Error(`apt-get install ran but ${stillMissing.join(', ')} is still missing`);
  log(`Installed ${missing.join(', ')}.`);
  return missing;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function debianPackageInstalled(name: string): Promise<boolean> {
  try {
    const { stdout } = await execFileAsync('dpkg-query', ['-W', '-f=${Status}', name]);
    return stdout.trim() === 'install ok installed';
  } catch {
    return false;
  }
}

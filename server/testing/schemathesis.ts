import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The pinned fuzzer: a new release may add checks, so moving the pin is a deliberate change. */
export const SCHEMATHESIS_VERSION = '4.32.5';

const root = path.resolve(import.meta.dirname, '../..');
/** Ignored by git, like node_modules: the project's own tools, installed on first use. */
export const toolsVenv = path.join(root, '.tools', 'venv');
export const schemathesisBin = path.join(toolsVenv, 'bin', 'schemathesis');

async function installedVersion(): Promise<string | undefined> {
  if (!existsSync(schemathesisBin)) return undefined;
  try {
    const { stdout } = await run(schemathesisBin, ['--version']);
    return /version (\S+)/.exec(stdout)?.[1];
  } catch {
    return undefined;
  }
}

/**
 * Installs schemathesis at its pinned version into `.tools/venv` (python3 -m venv, then pip from
 * PyPI) unless that version is already there; returns the path of its command. Idempotent.
 * Fails with a readable message when python3 is missing or PyPI cannot be reached.
 */
export async function ensureSchemathesis(log: (line: string) => void = () => {}): Promise<string> {
  if ((await installedVersion()) === SCHEMATHESIS_VERSION) return schemathesisBin;
  log(`Installing schemathesis ${SCHEMATHESIS_VERSION} into ${path.relative(root, toolsVenv)} (once, about 30 s)…`);
  try {
    if (!existsSync(path.join(toolsVenv, 'bin', 'pip'))) await run('python3', ['-m', 'venv', toolsVenv]);
  } catch (error) {
    throw new Error(`Cannot create a Python virtual environment in ${toolsVenv}: is python3 (with venv) installed?\n${(error as Error).message}`, { cause: error });
  }
  try {
    await run(path.join(toolsVenv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`], {
      timeout: 300_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr } = error as { stderr?: string };
    throw new Error(
      `pip could not install schemathesis==${SCHEMATHESIS_VERSION} from PyPI (no network, or PyPI unreachable?). ` +
        `Install it by hand with: ${path.join(toolsVenv, 'bin', 'pip')} install schemathesis==${SCHEMATHESIS_VERSION}\n${(stderr ?? String(error)).trim().slice(-2000)}`,
      { cause: error },
    );
  }
  const version = await installedVersion();
  if (version !== SCHEMATHESIS_VERSION) throw new Error(`schemathesis ${SCHEMATHESIS_VERSION} was installed but ${schemathesisBin} reports ${version ?? 'nothing'}`);
  return schemathesisBin;
}

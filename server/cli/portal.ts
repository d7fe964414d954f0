import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

/** Builds the H5 portal with Taro when its index.html is missing; an existing build is reused. */
export async function ensurePortalBuilt(h5Dir: string, log: (line: string) => void): Promise<void> {
  if (existsSync(path.join(h5Dir, 'index.html'))) return;
  log('正在构建 H5 门户（首次约需 15 秒）…');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`H5 portal build failed (exit ${code}):\n${stderr}`))));
  });
}

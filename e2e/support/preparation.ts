import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { E2EPreparation, PreparationStatus } from './global-setup';

/**
 * Waits until the global setup has the browser installed and the portal built (see
 * global-setup.ts); throws its error when either failed. Cheap once ready.
 */
export async function waitForPreparation(timeoutMs = 280_000): Promise<E2EPreparation> {
  const prepared = inject('e2e');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = JSON.parse(readFileSync(prepared.statusFile, 'utf8')) as PreparationStatus;
    if (status.state === 'ready') return prepared;
    if (status.state === 'failed') throw new Error(`browser test preparation failed: ${status.message}`);
    if (Date.now() > deadline) throw new Error(`browser test preparation not done in ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

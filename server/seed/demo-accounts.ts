import { roleLabels } from '../../shared/domain/roles';
import { generateDistrict } from './district';

/** The demo sign-ins as a table for the start-up banner and the README. */
export function demoAccountsTable(): string {
  const accounts = generateDistrict().accounts;
  const width = Math.max(...accounts.map((account) => account.username.length));
  return accounts
    .map((account) => `  ${account.username.padEnd(width)}  ${roleLabels[account.role]} · ${account.displayName}`)
    .join('\n');
}

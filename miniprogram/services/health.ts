import { request } from './http';

/** What GET /api/health answers. */
export interface Health {
  /** `ok` when the server and its database answer. */
  status: string;
  /** State of the database connection. */
  db: string;
  /** The database engine behind it. */
  engine: string;
}

export function getHealth(): Promise<Health> {
  return request<Health>('GET', '/api/health');
}

export function isHealthy(health: Health): boolean {
  return health.status === 'ok';
}

import type { HotlineOrderState, HotlineMapping } from '../../shared/hotline/mappings';
import type { HotlineAction, HotlineActionKind, HotlineChannel, WorkOrderInput } from '../../shared/hotline/work-order';

/** A centre's notice before our schema parses it (shared/hotline/work-order `centreNoticeSchema`). */
export type CentreNoticeInput = Record<string, unknown> & { kind: string; number: string };

/**
 * One hotline system's wire vocabulary, both ways: its paths, its field names, its codes. The
 * client (ours) reads orders and notices with it and writes actions; the fake centre does the
 * reverse with the same dialect, so both ends speak the one format the system documents.
 */
export interface HotlineDialect {
  channel: HotlineChannel;
  paths: {
    listNew(cursor: string | null, limit: number): string;
    listNotices(cursor: string | null, limit: number): string;
    order(number: string): string;
    action(number: string, kind: HotlineActionKind): string;
    day(day: string): string;
  };
  /** The list page's numbers and next cursor. */
  pageFromWire(wire: unknown): { numbers: string[]; nextCursor: string | null };
  /** A page of notices: the wire items and the next cursor. */
  pageFromWireItems(wire: unknown): { items: unknown[]; nextCursor: string | null };
  pageToWireItems(page: { items: unknown[]; nextCursor: string | null }): unknown;
  pageToWire(page: { numbers: string[]; nextCursor: string | null }): unknown;
  orderFromWire(wire: unknown): WorkOrderInput;
  orderToWire(order: WorkOrderInput): unknown;
  actionToWire(action: HotlineAction): unknown;
  actionFromWire(kind: HotlineActionKind, wire: unknown): HotlineAction;
  /** An action path's last segment → our action kind (for the fake). */
  actionKinds: Record<string, HotlineActionKind>;
  noticeFromWire(wire: unknown, mapping: HotlineMapping): CentreNoticeInput;
  noticeToWire(notice: CentreNoticeInput): unknown;
  dayFromWire(wire: unknown, mapping: HotlineMapping): { number: string; state: HotlineOrderState }[];
  dayToWire(rows: { number: string; stateCode: string }[]): unknown;
}

/** Reads a field of a wire object that may be anything. */
export const field = (wire: unknown, key: string): unknown => (wire && typeof wire === 'object' ? (wire as Record<string, unknown>)[key] : undefined);
export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined);

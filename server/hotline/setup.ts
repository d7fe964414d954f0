import type { HotlineMapping } from '../../shared/hotline/mappings';
import type { HotlineChannelConfig } from '../config';
import { hotlineChannels, type HotlineChannel } from '../../shared/hotline/work-order';
import type { LivenessRules } from '../../shared/hotline/liveness';
import { matchPlaceByText, type PlaceTextMatcher } from '../commands/hotline/place';
import type { HotlineCentre, HotlineInbound, HotlineOrderStore, HotlinePort } from '../commands/ports';
import type { Database } from '../db/connection';
import { mongoHotlineOrderStore } from '../db/hotline-store';
import { httpHotlineCentre } from './client';
import { field } from './dialect';
import { hotlineDialects } from './fake-centre';
import { hotlineLiveness, type HotlineLiveness } from './liveness';
import { verifyRequest } from './signature';


export interface HotlineSetupOptions {
  channels: Partial<Record<HotlineChannel, HotlineChannelConfig>>;
  mapping: HotlineMapping;
  liveness: LivenessRules;
  timeoutMs?: number;
  /** The place text matcher; by default the address text against the district's compounds and streets (shared/places/match-text.ts). */
  matchPlace?: PlaceTextMatcher;
  now: () => Date;
}

/** Everything the hotline use cases and handlers are built from, over one database. */
export interface HotlineSetup {
  orders: HotlineOrderStore;
  centres: HotlinePort;
  inbound: HotlineInbound;
  mapping: HotlineMapping;
  matchPlace: PlaceTextMatcher;
  liveness: HotlineLiveness;
  watch: HotlineLiveness;
  status: (now: Date) => ReturnType<HotlineLiveness['status']>;
}

/** The hotline adapters for the configured channels: an HTTP client per centre, webhook checks with each channel's secret. */
export function hotlineSetup(database: Database, options: HotlineSetupOptions): HotlineSetup {
  const configured = hotlineChannels.filter((channel) => options.channels[channel]);
  const centres: HotlinePort = {};
  for (const channel of configured) {
    const config = options.channels[channel]!;
    centres[channel] = httpHotlineCentre({ dialect: hotlineDialects[channel], mapping: options.mapping, ...config, now: options.now, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }) satisfies HotlineCentre;
  }
  const inbound: HotlineInbound = {
    channels: configured,
    verify: (channel, request, now) => {
      const verdict = verifyRequest(options.channels[channel]!.secret, request.headers, request.body, now);
      return verdict.ok ? { ok: true, nonce: verdict.nonce! } : { ok: false, reason: verdict.reason };
    },
    decode(channel, body) {
      const dialect = hotlineDialects[channel];
      const event = field(body, 'event');
      if (event === 'order' && field(body, 'order')) return { kind: 'order', order: dialect.orderFromWire(field(body, 'order')) };
      if (event === 'notice' && field(body, 'notice')) return { kind: 'notice', notice: dialect.noticeFromWire(field(body, 'notice'), options.mapping) };
      return undefined;
    },
  };
  const liveness = hotlineLiveness(configured, options.liveness, options.now());
  return {
    orders: mongoHotlineOrderStore(database),
    centres,
    inbound,
    mapping: options.mapping,
    matchPlace: options.matchPlace ?? matchPlaceByText,
    liveness,
    watch: liveness,
    status: (now) => liveness.status(now),
  };
}

import type { ActorOf } from '../../../shared/domain/roles';
import { hotlineChannelLabels, type HotlineChannel } from '../../../shared/hotline/work-order';

/** The hotline's intake as an actor: it files the case (standing as its filer), urges, rates and reopens for the centre. */
export const hotlineActor = (channel: HotlineChannel): ActorOf<'system'> => ({ id: `hotline-${channel}`, name: hotlineChannelLabels[channel], role: 'system', scope: {} });

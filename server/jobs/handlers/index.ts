import { caseMergedHandler } from './case-merged';
import { hotlineCallHandler, withHotlineFollowUp } from './hotline-call';
import { clockStartedHandler, clockStoppedHandler } from './clock';
import { notifyHandler } from './notify';
import { pollNoticeHandler } from './poll-notice';
import { publishHandler } from './publish';
import { statsCountHandler } from './stats';
import { wechatMessageHandler } from './wechat-message';
import type { HandlerRegistry } from './types';

export type { HandlerDeps, HandlerRegistry, HotlineHandling, JobHandler, WeChatMessaging } from './types';

/** The handler of each job kind: the case effects, and the WeChat messages the notify handler queues. */
export const effectHandlers: HandlerRegistry = {
  notify: notifyHandler,
  publish: withHotlineFollowUp(publishHandler),
  'clock.started': clockStartedHandler,
  'clock.stopped': clockStoppedHandler,
  'case.merged': caseMergedHandler,
  'stats.count': statsCountHandler,
  'wechat.message': wechatMessageHandler,
  'poll.notice': pollNoticeHandler,
  'hotline.call': hotlineCallHandler,
};

/** addMessageListener, hasMessageListener, sendMessage and the use_message check. */
import type { ApiContext, ApiFamily, MessageListener, PermissionCheck } from './family';
import type { SandboxApis } from '../sandbox-apis';
import { listForMessage, listParam, stringParam, wildcardMatch } from './permission-params';

const ACTIONS = ['listen', 'send', 'listen_and_send'];

/**
 * use_message, called as (action listen|send, messageType); (messageType, action) is accepted
 * too. `allowedActions: any` allows every type and action; otherwise messageTypes
 * [{type, action: listen|send|listen_and_send}] decides (`*` in type is a wildcard).
 */
const useMessage: PermissionCheck = (params, first, second) => {
  const [action, type] = ACTIONS.includes(String(first)) ? [String(first), String(second)] : [String(second), String(first)];
  if (stringParam(params, 'allowedActions') === 'any') return undefined;
  const entries = listParam(params, 'messageTypes').filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
  const fits = entries.some((e) => {
    const allowed = String(e.action ?? 'listen_and_send');
    return wildcardMatch(String(e.type ?? ''), type) && (allowed === 'listen_and_send' || allowed === action);
  });
  if (fits) return undefined;
  const listed = entries.map((e) => `${String(e.type)} (${String(e.action ?? 'listen_and_send')})`);
  return `does not allow ${action === 'send' ? 'sending' : 'listening to'} message type "${type}" (allowed: ${listForMessage(listed)})`;
};

const ownListeners = new WeakMap<ApiContext, Map<string, MessageListener[]>>();

/** env.messageListeners when runs share one (client + its tags), else this run's own registry. */
function listenersOf(ctx: ApiContext): Map<string, MessageListener[]> {
  if (ctx.env.messageListeners) return ctx.env.messageListeners;
  let map = ownListeners.get(ctx);
  if (!map) ownListeners.set(ctx, (map = new Map()));
  return map;
}

export const family: ApiFamily = {
  name: 'messaging',
  permissions: { use_message: useMessage },
  create(ctx) {
    const apis = {
      addMessageListener: (messageType: string, callback: (messageType: string, message: unknown) => void) => {
        const type = String(messageType);
        if (typeof callback !== 'function') throw new Error('addMessageListener: the second argument must be a function (messageType, message) => void');
        ctx.checkPermission('use_message', 'addMessageListener', 'listen', type);
        const map = listenersOf(ctx);
        // Bound to the registering run, so a message from another run calls back into the right realm.
        const listener: MessageListener = (t, message) => {
          ctx.callSandbox(callback, t, ctx.toSandbox(message));
        };
        map.set(type, [...(map.get(type) ?? []), listener]);
      },
      hasMessageListener: (messageType: string) => {
        const type = String(messageType);
        ctx.checkPermission('use_message', 'hasMessageListener', 'listen', type);
        return (listenersOf(ctx).get(type) ?? []).length > 0;
      },
      sendMessage: (messageType: string, message: unknown) => {
        const type = String(messageType);
        ctx.checkPermission('use_message', 'sendMessage', 'send', type);
        const copy = ctx.fromSandbox(message);
        ctx.recorder.append('messagesSent', { type, message: copy });
        // Synchronous, in registration order; each listener gets its own copy.
        for (const listener of listenersOf(ctx).get(type) ?? []) listener(type, copy);
      },
    } satisfies Pick<SandboxApis, 'addMessageListener' | 'hasMessageListener' | 'sendMessage'>;
    return apis;
  },
};

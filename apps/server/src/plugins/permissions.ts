import type { Permission } from '@rumbo/flow';

/**
 * What a route needs, from its method and URL pattern (`/api/v1/campaigns/:id/…`): reading is
 * open to every role; a change needs the permission of the work it belongs to (DESIGN §1's
 * people). The roles holding each permission are `ROLE_PERMISSIONS` in `@rumbo/flow`.
 */
export function permissionFor(method: string, url: string): Permission {
  if (url.startsWith('/api/v1/users') || url.startsWith('/api/v1/api-keys')) return 'admin';
  if (method === 'GET' || method === 'HEAD') return 'read';
  if (/^\/api\/v1\/campaigns\/:id\/reviews\/:reviewId\/(approve|return)$/.test(url)) {
    return 'review';
  }
  if (url === '/api/v1/campaigns/:id/reviews/:reviewId/simulation') return 'simulate';
  if (url.startsWith('/api/v1/simulations')) return 'simulate';
  if (url.startsWith('/api/v1/call-tasks') && !/\/(capacity|day)$/.test(url)) return 'call';
  return 'edit';
}

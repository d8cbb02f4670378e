/**
 * The gateway's origin when the app is served from another one (a static host), set at build time:
 * `VITE_API_ORIGIN=https://api.example.com npm run build:web`. Empty: the app's own origin.
 */
export const apiOrigin: string = (import.meta.env.VITE_API_ORIGIN ?? '').replace(/\/+$/, '');

/** The WebSocket hub of a gateway origin (`https://…` → `wss://…/ws`); of the page's own origin when empty. */
export function websocketUrl(origin: string, page: Pick<Location, 'protocol' | 'host'>): string {
  const url = new URL(origin || `${page.protocol}//${page.host}`);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = '/ws';
  return url.toString();
}

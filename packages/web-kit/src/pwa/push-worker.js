// The installable apps' push handlers, served beside the generated service worker as push-worker.js and loaded
// into it with importScripts (packages/web-kit/vite/app-config.ts). Plain JS without imports: importScripts runs
// a classic script inside a worker that Workbox generated, with no bundler and no page framework, and it has to
// stay small and dependable. No Firebase SDK here either: the page gives its `getToken` this service worker's
// registration, so FCM delivers here and this script reads FCM's web push payload itself:
// { notification: { title, body, tag, icon, image, click_action }, data: { [key]: string }, fcmOptions: { link } },
// where the server's webpush.fcm_options.link arrives as fcmOptions.link or as notification.click_action (the
// Firebase SDK's own worker reads both, in that order).

self.addEventListener('push', (event) => {
  const message = payloadOf(event);
  // a data-only push (a tracking wake-up) has nothing to show
  if (!message?.notification) return;
  event.waitUntil(show(message));
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openApp(event.notification.data?.link));
});

function payloadOf(event) {
  try {
    return event.data?.json() ?? null;
  } catch {
    return null;
  }
}

async function show(message) {
  // a visible window of the app already shows it (and beeps) from its WebSocket: no second copy
  const windows = await self.clients.matchAll({ type: 'window' });
  if (windows.some((client) => client.visibilityState === 'visible')) return;
  const { title, body, tag, icon, image, click_action: clickAction } = message.notification;
  await self.registration.showNotification(title ?? '', {
    body,
    // the same tag replaces what is shown: "Job taken" takes the offer's place (`offer:<bookingId>`)
    tag,
    image,
    icon: icon ?? new URL('icon-192.png', self.registration.scope).href,
    data: { link: message.fcmOptions?.link ?? clickAction ?? null },
  });
}

/** Focuses a window of the app (taking it to the link, if any), or opens the link or the app. */
async function openApp(link) {
  const scope = self.registration.scope;
  const url = link ? new URL(link, scope).href : null;
  // only the app's own pages: the link comes from the push, not from the app
  const target = url?.startsWith(scope) ? url : null;
  const [open] = await self.clients.matchAll({ type: 'window' });
  if (!open) return self.clients.openWindow(target ?? scope);
  const focused = await open.focus();
  if (target && focused.url !== target) await focused.navigate(target);
}

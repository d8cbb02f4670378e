import { describe, expect, it, vi } from 'vitest';
import source from './push-worker.js?raw';

type Listener = (event: object) => void;
const scope = 'https://zefy.test/partner/';

/** The script run against a stand-in of the service worker's `self`, with `windows` as the app's open windows. */
function pushWorker(windows: Array<{ url: string; visibilityState: string }> = []) {
  const listeners = new Map<string, Listener>();
  const opened = windows.map((window) => ({
    ...window,
    focus: vi.fn(async function (this: object) {
      return this;
    }),
    navigate: vi.fn(async () => null),
  }));
  const self = {
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    registration: { scope, showNotification: vi.fn(async () => undefined) },
    clients: { matchAll: vi.fn(async () => opened), openWindow: vi.fn(async () => null) },
  };
  new Function('self', source)(self);
  /** Dispatches an event and waits for what it asked to wait for. */
  async function dispatch(type: string, event: object) {
    let done: Promise<unknown> = Promise.resolve();
    listeners.get(type)?.({ ...event, waitUntil: (promise: Promise<unknown>) => (done = promise) });
    await done;
  }
  const push = (payload: unknown) =>
    dispatch('push', { data: { json: () => (typeof payload === 'string' ? JSON.parse(payload) : payload) } });
  const click = (link: string | null) =>
    dispatch('notificationclick', { notification: { close: vi.fn(), data: { link } } });
  return { self, windows: opened, push, click };
}

const offer = { title: 'New job: Deep cleaning', body: 'Now in Indiranagar', tag: 'offer:b1' };

describe('the push worker', () => {
  it("shows FCM's web push notification with its tag, the app's icon and the link to open", async () => {
    const { self, push } = pushWorker();
    await push({ notification: offer, data: { offerId: 'o1' }, fcmOptions: { link: `${scope}jobs` } });
    expect(self.registration.showNotification).toHaveBeenCalledExactlyOnceWith(offer.title, {
      body: offer.body,
      tag: offer.tag,
      image: undefined,
      icon: `${scope}icon-192.png`,
      data: { link: `${scope}jobs` },
    });
  });

  it("takes the link from notification.click_action when FCM hands it over there, as Firebase's own worker does", async () => {
    const { self, push } = pushWorker();
    await push({ notification: { ...offer, click_action: `${scope}jobs/b1` }, data: { offerId: 'o1' } });
    await push({ notification: offer });
    const linked = (link: string | null) => expect.objectContaining({ data: { link } });
    expect(self.registration.showNotification).toHaveBeenNthCalledWith(
      1,
      offer.title,
      linked(`${scope}jobs/b1`),
    );
    expect(self.registration.showNotification).toHaveBeenNthCalledWith(2, offer.title, linked(null));
  });

  it('shows nothing for a data-only push, a payload that is not JSON, or while a window of the app is visible', async () => {
    const background = pushWorker([{ url: scope, visibilityState: 'hidden' }]);
    await background.push({ data: { kind: 'wake', bookingId: 'b1' } });
    await background.push('not json');
    expect(background.self.registration.showNotification).not.toHaveBeenCalled();
    const onScreen = pushWorker([{ url: scope, visibilityState: 'visible' }]);
    await onScreen.push({ notification: offer });
    expect(onScreen.self.registration.showNotification).not.toHaveBeenCalled();
  });

  it("on a click opens the link, or the app when the link is missing or not the app's", async () => {
    const { self, click } = pushWorker();
    await click(`${scope}jobs/b1`);
    await click(null);
    await click('https://elsewhere.test/phish');
    expect(self.clients.openWindow.mock.calls).toEqual([[`${scope}jobs/b1`], [scope], [scope]]);
  });

  it('on a click focuses an open window of the app and takes it to the link', async () => {
    const { self, windows, click } = pushWorker([{ url: `${scope}history`, visibilityState: 'hidden' }]);
    await click(`${scope}jobs/b1`);
    expect(windows[0]?.focus).toHaveBeenCalledTimes(1);
    expect(windows[0]?.navigate).toHaveBeenCalledExactlyOnceWith(`${scope}jobs/b1`);
    expect(self.clients.openWindow).not.toHaveBeenCalled();
  });
});

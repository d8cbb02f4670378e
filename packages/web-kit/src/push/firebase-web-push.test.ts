import { describe, expect, it } from 'vitest';
import { firebaseWebPushOf } from './firebase-web-push.ts';

const config = { apiKey: 'key', projectId: 'zefy', appId: '1:42:web:abc', messagingSenderId: '42' };

describe('firebaseWebPushOf', () => {
  it('is null without Firebase settings: the apps use the FCM simulator', () => {
    expect(firebaseWebPushOf({})).toBeNull();
    expect(firebaseWebPushOf({ VITE_FIREBASE_CONFIG: ' ', VITE_FIREBASE_VAPID_KEY: '' })).toBeNull();
  });

  it('reads the web app config and the VAPID key', () => {
    expect(
      firebaseWebPushOf({
        VITE_FIREBASE_CONFIG: JSON.stringify({ ...config, authDomain: 'zefy.firebaseapp.com' }),
        VITE_FIREBASE_VAPID_KEY: 'BKey',
      }),
    ).toEqual({ config: { ...config, authDomain: 'zefy.firebaseapp.com' }, vapidKey: 'BKey' });
  });

  it('refuses half a setting, a config that is not JSON and one without what messaging needs', () => {
    expect(() => firebaseWebPushOf({ VITE_FIREBASE_VAPID_KEY: 'BKey' })).toThrow(/set both or neither/);
    expect(() => firebaseWebPushOf({ VITE_FIREBASE_CONFIG: JSON.stringify(config) })).toThrow(
      /both or neither/,
    );
    expect(() =>
      firebaseWebPushOf({ VITE_FIREBASE_CONFIG: '{apiKey: "key"}', VITE_FIREBASE_VAPID_KEY: 'BKey' }),
    ).toThrow(/not JSON/);
    expect(() =>
      firebaseWebPushOf({
        VITE_FIREBASE_CONFIG: JSON.stringify({ apiKey: 'key', projectId: 'zefy' }),
        VITE_FIREBASE_VAPID_KEY: 'BKey',
      }),
    ).toThrow('VITE_FIREBASE_CONFIG lacks appId, messagingSenderId');
  });
});

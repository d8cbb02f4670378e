import { type Static, Type } from 'typebox';
import { rolesAccess } from '../access.ts';
import { Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

export const DevicePlatform = Type.Union([Type.Literal('android'), Type.Literal('ios'), Type.Literal('web')]);
export type DevicePlatform = Static<typeof DevicePlatform>;

/** The app's own id for its installation (stable across token refreshes), chosen by the client. */
export const DeviceId = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' });

export const DeviceRegistration = Type.Object(
  {
    // FCM tokens are opaque printable ASCII; 4096 bytes bounds what we are willing to store
    token: Type.String({ minLength: 1, maxLength: 4096, pattern: '^[\\x21-\\x7E]+$' }),
    platform: DevicePlatform,
  },
  { additionalProperties: false },
);
export type DeviceRegistration = Static<typeof DeviceRegistration>;

export const Device = Type.Object({
  deviceId: DeviceId,
  platform: DevicePlatform,
  token: Type.String(),
  createdAt: Timestamp,
  /** When the token last changed. */
  tokenUpdatedAt: Timestamp,
  /** When the app last registered it (apps re-register on every open). */
  lastSeenAt: Timestamp,
});
export type Device = Static<typeof Device>;

/** The booking an entry is about, and the screen of the recipient's app that shows it (as its push links to). */
export const NotificationSubject = Type.Object({
  bookingId: Type.String(),
  /** The app's route, relative to where the app is published: `bookings/<id>`, `jobs/<id>`, `jobs`, or `` (home). */
  path: Type.String(),
});
export type NotificationSubject = Static<typeof NotificationSubject>;

/** An entry of a principal's in-app inbox; also what the `notification` realtime message carries. */
export const InboxNotification = Type.Object({
  id: Uuid,
  /** What it is about, for the app to pick an icon or a link: the source event type, e.g. `booking.confirmed`. */
  kind: Type.String(),
  title: Type.String(),
  body: Type.String(),
  /** String values only, as in a push payload (e.g. `bookingId`). */
  data: Type.Record(Type.String(), Type.String()),
  /** Absent when the entry names no booking: the app shows it as plain text. */
  subject: Type.Optional(NotificationSubject),
  createdAt: Timestamp,
  readAt: Type.Union([Timestamp, Type.Null()]),
});
export type InboxNotification = Static<typeof InboxNotification>;

export const NotificationPage = Type.Object({
  items: Type.Array(InboxNotification),
  unreadCount: Type.Integer({ minimum: 0 }),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: Type.Union([Uuid, Type.Null()]),
});
export type NotificationPage = Static<typeof NotificationPage>;

export const UnreadCount = Type.Object({ unreadCount: Type.Integer({ minimum: 0 }) });
export type UnreadCount = Static<typeof UnreadCount>;

const recipients = rolesAccess('customer', 'partner');

export const notificationRoutes = {
  putDevice: defineRoute({
    service: 'notifications',
    method: 'PUT',
    url: '/api/v1/me/devices/:deviceId',
    summary: 'Register or refresh this device’s push token (call on every app open and token refresh)',
    access: recipients,
    // device ids live in the caller's own namespace (keyed by the token's principal): nobody else's is reachable
    owner: 'none',
    schema: {
      params: Type.Object({ deviceId: DeviceId }),
      body: DeviceRegistration,
      response: { 200: Device },
    },
  }),
  deleteDevice: defineRoute({
    service: 'notifications',
    method: 'DELETE',
    url: '/api/v1/me/devices/:deviceId',
    summary: 'Forget this device’s push token (on logout); succeeds when already gone',
    access: recipients,
    owner: 'none',
    schema: { params: Type.Object({ deviceId: DeviceId }), response: { 204: Type.Null() } },
  }),
  listDevices: defineRoute({
    service: 'notifications',
    method: 'GET',
    url: '/api/v1/me/devices',
    summary: 'The caller’s registered devices',
    access: recipients,
    schema: { response: { 200: Type.Object({ items: Type.Array(Device) }) } },
  }),
  listNotifications: defineRoute({
    service: 'notifications',
    method: 'GET',
    url: '/api/v1/me/notifications',
    summary: 'The caller’s inbox, newest first',
    access: recipients,
    schema: {
      querystring: Type.Object(
        {
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          before: Type.Optional(Uuid),
        },
        { additionalProperties: false },
      ),
      response: { 200: NotificationPage },
    },
  }),
  unreadCount: defineRoute({
    service: 'notifications',
    method: 'GET',
    url: '/api/v1/me/notifications/unread-count',
    summary: 'How many inbox entries the caller has not read',
    access: recipients,
    schema: { response: { 200: UnreadCount } },
  }),
  markRead: defineRoute({
    service: 'notifications',
    method: 'POST',
    url: '/api/v1/me/notifications/:notificationId/read',
    summary: 'Mark one inbox entry read (repeating it changes nothing)',
    access: recipients,
    // looked up only among the caller's own entries (WHERE recipient = token's principal)
    owner: 'none',
    schema: {
      params: Type.Object({ notificationId: Uuid }),
      response: {
        200: Type.Object({ notification: InboxNotification, unreadCount: Type.Integer({ minimum: 0 }) }),
      },
    },
  }),
  markAllRead: defineRoute({
    service: 'notifications',
    method: 'POST',
    url: '/api/v1/me/notifications/read-all',
    summary: 'Mark every inbox entry read',
    access: recipients,
    schema: { response: { 200: UnreadCount } },
  }),
};

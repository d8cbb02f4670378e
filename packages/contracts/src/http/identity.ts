import { type Static, Type } from 'typebox';
import { publicAccess, rolesAccess } from '../access.ts';
import { AuditPage, AuditQuery } from './audit.ts';
import { Nullable, RoleName, Timestamp, Uuid } from './common.ts';
import { defineRoute } from './route.ts';

/** Checked by the identity service (IDENTITY.PHONE_INVALID), so the answer can say what is wrong. */
export const PhoneInput = Type.String({
  minLength: 1,
  maxLength: 32,
  description: 'E.164 with the country code, e.g. +919876543210; spaces, dashes and brackets are ignored',
});
export const E164 = Type.String({ pattern: '^\\+[1-9][0-9]{7,14}$', description: 'E.164' });

/** Who is logging in by phone: the user app signs customers up; the partner app admits approved partners. */
export const LoginAudience = Type.Union([Type.Literal('customer'), Type.Literal('partner')]);
export type LoginAudience = Static<typeof LoginAudience>;

export const OtpRequest = Type.Object(
  { phone: PhoneInput, audience: LoginAudience },
  { additionalProperties: false },
);
export type OtpRequest = Static<typeof OtpRequest>;

/**
 * For customers, the same answer whether or not an account exists for the phone (a new one signs up). The
 * partner app is told instead that a number is not a registered partner (IDENTITY.PARTNER_NOT_REGISTERED),
 * so a newcomer learns how to join rather than waiting for a code that never comes.
 */
export const OtpChallenge = Type.Object({
  challengeId: Uuid,
  phone: E164,
  expiresAt: Timestamp,
  codeLength: Type.Integer(),
  resendAfterSeconds: Type.Integer({ minimum: 0 }),
});
export type OtpChallenge = Static<typeof OtpChallenge>;

export const OtpVerification = Type.Object(
  {
    challengeId: Uuid,
    phone: PhoneInput,
    audience: LoginAudience,
    code: Type.String({ pattern: '^[0-9]{6}$', maxLength: 6, description: 'the 6 digits sent by SMS' }),
  },
  { additionalProperties: false },
);
export type OtpVerification = Static<typeof OtpVerification>;

export const PasswordLogin = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);
export type PasswordLogin = Static<typeof PasswordLogin>;

export const RefreshRequest = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 512 }) },
  { additionalProperties: false },
);
export type RefreshRequest = Static<typeof RefreshRequest>;

/** Tokens of one session: a short-lived access token and a refresh token that rotates on every use. */
export const AuthTokens = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String(),
  expiresIn: Type.Integer({ description: 'seconds until the access token expires' }),
  refreshToken: Type.String({ description: 'single use: each refresh answers with a new one' }),
  refreshExpiresAt: Timestamp,
  sessionId: Uuid,
  principal: Type.Object({ id: Type.String(), role: RoleName }),
  isNewAccount: Type.Boolean({ description: 'true when this login signed a customer up' }),
});
export type AuthTokens = Static<typeof AuthTokens>;

export const SessionInfo = Type.Object({
  id: Uuid,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  lastRefreshedAt: Nullable(Timestamp),
  userAgent: Nullable(Type.String()),
  isCurrent: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const Customer = Type.Object({
  id: Uuid,
  phone: E164,
  name: Nullable(Type.String()),
  email: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Customer = Static<typeof Customer>;

const PersonName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
const Email = Type.String({ format: 'email', maxLength: 254 });

export const CustomerPatch = Type.Object(
  { name: Type.Optional(Nullable(PersonName)), email: Type.Optional(Nullable(Email)) },
  { additionalProperties: false, minProperties: 1 },
);
export type CustomerPatch = Static<typeof CustomerPatch>;

export const PartnerStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('suspended'),
]);
export type PartnerStatus = Static<typeof PartnerStatus>;

const PhotoUrl = Type.String({ pattern: '^https://\\S+$', maxLength: 2048, description: 'an https:// URL' });
const Skills = Type.Array(Uuid, {
  uniqueItems: true,
  maxItems: 50,
  description: 'ids of catalog services the partner may be offered',
});

export const Partner = Type.Object({
  id: Uuid,
  name: Type.String(),
  phone: E164,
  photoUrl: Nullable(Type.String()),
  skills: Type.Array(Uuid),
  hubId: Uuid,
  status: PartnerStatus,
  statusReason: Nullable(Type.String()),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Partner = Static<typeof Partner>;

export const NewPartner = Type.Object(
  {
    name: PersonName,
    phone: PhoneInput,
    photoUrl: Type.Optional(Nullable(PhotoUrl)),
    skills: Skills,
    hubId: Uuid,
  },
  { additionalProperties: false },
);
export type NewPartner = Static<typeof NewPartner>;

export const PartnerPatch = Type.Object(
  {
    name: Type.Optional(PersonName),
    phone: Type.Optional(PhoneInput),
    photoUrl: Type.Optional(Nullable(PhotoUrl)),
    skills: Type.Optional(Skills),
    hubId: Type.Optional(Uuid),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PartnerPatch = Static<typeof PartnerPatch>;

export const PartnerSuspension = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500, pattern: '\\S' }) },
  { additionalProperties: false },
);

export const PartnerQuery = Type.Object(
  {
    status: Type.Optional(PartnerStatus),
    hubId: Type.Optional(Uuid),
    search: Type.Optional(
      Type.String({ minLength: 1, maxLength: 80, description: 'name or phone contains' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
    after: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

const PartnerId = Type.Object({ partnerId: Uuid }, { additionalProperties: false });

export const DevSms = Type.Object({
  phone: E164,
  text: Type.String(),
  code: Type.String(),
  sentAt: Timestamp,
});
export type DevSms = Static<typeof DevSms>;

const allRoles = rolesAccess('customer', 'partner', 'admin', 'ops');

export const identityRoutes = {
  requestOtp: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/auth/otp',
    summary:
      'Send a 6-digit login code by SMS (rate-limited per phone and per client address); refuses a partner login for a number that is no partner',
    access: publicAccess,
    schema: { body: OtpRequest, response: { 202: OtpChallenge } },
  }),
  verifyOtp: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/auth/otp/verify',
    summary: 'Exchange a login code for tokens; a new customer phone signs up',
    access: publicAccess,
    schema: { body: OtpVerification, response: { 200: AuthTokens } },
  }),
  loginWithPassword: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/auth/password',
    summary: 'Admin and ops log in with email and password',
    access: publicAccess,
    schema: { body: PasswordLogin, response: { 200: AuthTokens } },
  }),
  refresh: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/auth/refresh',
    summary: 'Rotate a refresh token; reusing a rotated one revokes the whole session',
    access: publicAccess,
    schema: { body: RefreshRequest, response: { 200: AuthTokens } },
  }),
  logout: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/auth/logout',
    summary: 'End the current session on every gateway at once',
    access: allRoles,
    schema: { response: { 204: Type.Null() } },
  }),
  listMySessions: defineRoute({
    service: 'identity',
    method: 'GET',
    url: '/api/v1/me/sessions',
    summary: 'Sessions (signed-in devices) of the caller',
    access: allRoles,
    schema: { response: { 200: Type.Object({ items: Type.Array(SessionInfo) }) } },
  }),
  revokeMySession: defineRoute({
    service: 'identity',
    method: 'DELETE',
    url: '/api/v1/me/sessions/:sessionId',
    summary: 'Sign one of the caller’s sessions out',
    access: allRoles,
    owner: { param: 'sessionId', resource: 'session', roles: ['customer', 'partner', 'admin', 'ops'] },
    schema: {
      params: Type.Object({ sessionId: Uuid }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
  }),
  getMe: defineRoute({
    service: 'identity',
    method: 'GET',
    url: '/api/v1/me',
    summary: 'The signed-in customer',
    access: rolesAccess('customer'),
    schema: { response: { 200: Customer } },
  }),
  updateMe: defineRoute({
    service: 'identity',
    method: 'PATCH',
    url: '/api/v1/me',
    summary: 'Set the signed-in customer’s name or email',
    access: rolesAccess('customer'),
    schema: { body: CustomerPatch, response: { 200: Customer } },
  }),
  getPartnerMe: defineRoute({
    service: 'identity',
    method: 'GET',
    url: '/api/v1/partner/me',
    summary: 'The signed-in partner’s profile',
    access: rolesAccess('partner'),
    schema: { response: { 200: Partner } },
  }),
  listPartners: defineRoute({
    service: 'identity',
    method: 'GET',
    url: '/api/v1/admin/partners',
    summary: 'Partners, newest first, filtered by status, hub or name/phone',
    access: rolesAccess('admin', 'ops'),
    schema: {
      querystring: PartnerQuery,
      response: { 200: Type.Object({ items: Type.Array(Partner), nextCursor: Nullable(Type.String()) }) },
    },
  }),
  createPartner: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/admin/partners',
    summary: 'Register a partner (pending until approved)',
    access: rolesAccess('admin'),
    idempotency: 'required',
    schema: { body: NewPartner, response: { 201: Partner } },
  }),
  getPartner: defineRoute({
    service: 'identity',
    method: 'GET',
    url: '/api/v1/admin/partners/:partnerId',
    summary: 'One partner',
    access: rolesAccess('admin', 'ops'),
    schema: { params: PartnerId, response: { 200: Partner } },
  }),
  updatePartner: defineRoute({
    service: 'identity',
    method: 'PATCH',
    url: '/api/v1/admin/partners/:partnerId',
    summary: 'Change a partner’s name, phone, photo, skills or home hub',
    access: rolesAccess('admin'),
    schema: { params: PartnerId, body: PartnerPatch, response: { 200: Partner } },
  }),
  approvePartner: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/admin/partners/:partnerId/approve',
    summary: 'Approve a pending or suspended partner, who may then log in to work',
    access: rolesAccess('admin'),
    schema: { params: PartnerId, response: { 200: Partner } },
  }),
  suspendPartner: defineRoute({
    service: 'identity',
    method: 'POST',
    url: '/api/v1/admin/partners/:partnerId/suspend',
    summary: 'Suspend a partner and end their sessions at once',
    access: rolesAccess('admin'),
    schema: { params: PartnerId, body: PartnerSuspension, response: { 200: Partner } },
  }),
  revokeAccountSessions: defineRoute({
    service: 'identity',
    method: 'DELETE',
    url: '/api/v1/admin/accounts/:accountId/sessions',
    summary: 'Sign a customer, partner or staff account out everywhere',
    access: rolesAccess('admin'),
    schema: {
      params: Type.Object({ accountId: Uuid }, { additionalProperties: false }),
      response: { 200: Type.Object({ revoked: Type.Integer({ minimum: 0 }) }) },
    },
  }),
  listAudit: defineRoute({
    service: 'identity',
    method: 'GET',
    url: '/api/v1/admin/audit',
    summary: 'Identity’s audit log of admin actions, newest first',
    access: rolesAccess('admin', 'ops'),
    schema: { querystring: AuditQuery, response: { 200: AuditPage } },
  }),
};

/**
 * Development only: the last SMS sent to a phone by the development sink. Served only when identity runs
 * inside the gateway with the sink, never with a real SMS gateway or NODE_ENV=production; deliberately not
 * among identity's proxied routes.
 */
export const devSmsRoute = defineRoute({
  service: 'identity',
  method: 'GET',
  url: '/api/v1/dev/sms',
  summary: 'Development only: the last SMS the development sink sent to a phone',
  access: publicAccess,
  schema: {
    querystring: Type.Object({ phone: PhoneInput }, { additionalProperties: false }),
    response: { 200: DevSms },
  },
});

import type { ErrorDefinitions } from './definitions.ts';

export const identityErrors = {
  'IDENTITY.PHONE_INVALID': { status: 400, title: 'The phone number is not a valid E.164 number' },
  'IDENTITY.RATE_LIMITED': { status: 429, title: 'Too many attempts; wait before trying again' },
  'IDENTITY.OTP_INCORRECT': { status: 401, title: 'The code is not correct' },
  'IDENTITY.OTP_EXPIRED': {
    status: 401,
    title: 'The code has expired or was already used; request a new one',
  },
  'IDENTITY.OTP_ATTEMPTS_EXCEEDED': {
    status: 429,
    title: 'Too many wrong codes; request a new code',
  },
  'IDENTITY.PARTNER_NOT_APPROVED': { status: 403, title: 'This partner account may not log in' },
  'IDENTITY.PARTNER_NOT_REGISTERED': {
    status: 404,
    title: 'This number is not registered as a Zefy partner',
  },
  'IDENTITY.CREDENTIALS_INVALID': { status: 401, title: 'Email or password is not correct' },
  'IDENTITY.REFRESH_INVALID': { status: 401, title: 'The refresh token is not valid; log in again' },
  'IDENTITY.REFRESH_REUSED': {
    status: 401,
    title: 'This refresh token was already used; the session has been signed out',
  },
  'IDENTITY.SESSION_NOT_FOUND': { status: 404, title: 'No such session' },
  'IDENTITY.CUSTOMER_NOT_FOUND': { status: 404, title: 'No such customer' },
  'IDENTITY.PARTNER_NOT_FOUND': { status: 404, title: 'No such partner' },
  'IDENTITY.PARTNER_PHONE_TAKEN': { status: 409, title: 'Another partner has this phone number' },
  'IDENTITY.DEV_SMS_NOT_FOUND': { status: 404, title: 'No SMS was sent to this phone recently' },
} as const satisfies ErrorDefinitions;

/**
 * Where the app keeps the customer's access token. Sign-in (phone OTP) writes it; until that lands, tests and
 * demos put a token here before the app loads.
 */
export const accessTokenKey = 'zefy.accessToken';

export const readAccessToken = (): string | null => localStorage.getItem(accessTokenKey);

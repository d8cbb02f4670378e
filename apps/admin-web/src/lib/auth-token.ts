/**
 * Where the console keeps the admin's access token (its own key: the apps share one origin). Admin sign-in
 * writes it; until that lands, tests and demos put a token here before the console loads.
 */
export const accessTokenKey = 'zefy.admin.accessToken';

export const readAccessToken = (): string | null => localStorage.getItem(accessTokenKey);

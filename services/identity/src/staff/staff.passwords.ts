import { hash, verify } from '@node-rs/argon2';

export const minPasswordLength = 12;

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum). */
export const hashPassword = (password: string): Promise<string> => hash(password);

// verified against when the email is unknown, so an unknown email costs as long as a wrong password
const decoy = hash('decoy-password-never-used-for-any-account');

/** False for a wrong password and for a missing account alike, in about the same time. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  const isMatch = await verify(passwordHash ?? (await decoy), password).catch(() => false);
  return passwordHash !== null && isMatch;
}

export function passwordProblem(password: string): string | null {
  if (password.length < minPasswordLength) return `Use at least ${minPasswordLength} characters`;
  if (password.length > 256) return 'Use at most 256 characters';
  return null;
}

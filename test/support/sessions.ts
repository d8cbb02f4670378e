import type { AuthTokens, Role } from '@zefy/contracts';
import type { RunningPlatform } from '@zefy/gateway';
import { createSessionStore } from '@zefy/identity';
import { newId } from '@zefy/platform';

/** Real identity sessions (as after a login) of a platform that runs identity in its process. */
export function sessionsOf(platform: RunningPlatform) {
  const identity = platform.services.find((service) => service.module.name === 'identity');
  if (!identity) throw new Error('the platform runs identity in another process');
  const sessions = createSessionStore(identity.context);
  const signIn = (role: Role, id: string = newId()): Promise<AuthTokens> => sessions.open({ id, role });
  return {
    signIn,
    tokenFor: async (role: Role, id?: string) => (await signIn(role, id)).accessToken,
  };
}

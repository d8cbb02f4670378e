import type { RunningPlatform } from '@zefy/gateway';
import { createSessionStore } from '@zefy/identity';
import { inProcessSessions, type Sessions } from './sessions.ts';

/** Sessions opened on the identity service running inside `platform` (this process's own platform only). */
export function platformSessions(platform: RunningPlatform): Sessions {
  const identity = platform.services.find((service) => service.module.name === 'identity');
  if (!identity) throw new Error('identity does not run in this process');
  const store = createSessionStore(identity.context);
  return inProcessSessions((principal) => store.open(principal));
}

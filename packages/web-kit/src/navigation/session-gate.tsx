import type { Role } from '@zefy/contracts';
import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import type { AuthStore } from '../auth/auth-store.ts';
import { useSession } from '../auth/use-session.ts';
import { Screen } from '../ui/screen.tsx';

export interface SessionGateProps {
  auth: AuthStore;
  /** Shown instead of the screen while signed out, at the same URL: after the login the screen opens. */
  login: ReactNode;
  /** Roles that may see the screens inside; anyone signed in when not given. */
  roles?: readonly Role[];
}

/** A layout route for screens that need a login; a reload or a shared link lands on the same screen. */
export function SessionGate({ auth, login, roles }: SessionGateProps) {
  const session = useSession(auth);
  if (!session) return login;
  if (roles && !roles.includes(session.principal.role))
    return (
      <Screen title="Not for this account">
        <p>This account ({session.principal.role}) may not use this app.</p>
      </Screen>
    );
  return <Outlet />;
}

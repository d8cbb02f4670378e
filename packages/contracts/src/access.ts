export type Role = 'customer' | 'partner' | 'admin' | 'ops';

/** Who is calling, as proven by an access token. */
export interface Principal {
  id: string;
  role: Role;
}

/** Who may call a route: anyone, or an authenticated principal holding one of `roles`. */
export type Access = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

export const publicAccess: Access = { kind: 'public' };
export const rolesAccess = (...roles: Role[]): Access => ({ kind: 'roles', roles });

export const canAccess = (access: Access, principal: Principal | undefined): boolean =>
  access.kind === 'public' || (principal !== undefined && access.roles.includes(principal.role));

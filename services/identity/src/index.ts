import { fileURLToPath } from 'node:url';
import { identityRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { IdentityEnv } from './config.ts';
import { registerCustomerRoutes } from './customers/customers.routes.ts';
import { type IdentityDeps, wireIdentity } from './deps.ts';
import { registerPartnerRoutes } from './partners/partners.routes.ts';
import { registerDevSmsRoute } from './sms/sms.routes.ts';

export { type IdentitySeed, seedIdentity } from './identity.seed.ts';
export { createSessionStore } from './sessions/sessions.store.ts';

export const identityService: ServiceModule<IdentityDeps> = {
  name: 'identity',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  contracts: Object.values(identityRoutes),
  env: IdentityEnv,
  wire: wireIdentity,
  routes(app, deps) {
    registerAuthRoutes(app, deps);
    registerCustomerRoutes(app, deps);
    registerPartnerRoutes(app, deps);
    registerAuditRoutes(app, deps);
    registerDevSmsRoute(app, deps);
  },
};

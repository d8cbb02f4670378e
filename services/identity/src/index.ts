import { fileURLToPath } from 'node:url';
import { identityRoutes } from '@zefy/contracts';
import type { ServiceModule } from '@zefy/platform';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { IdentityEnv, identityConfig } from './config.ts';
import { registerCustomerRoutes } from './customers/customers.routes.ts';
import { registerPartnerRoutes } from './partners/partners.routes.ts';
import { createIdentityRuntime } from './runtime.ts';
import { registerDevSmsRoute } from './sms/sms.routes.ts';
import { ensureStaffAccount } from './staff/staff.bootstrap.ts';

export { type IdentitySeed, seedIdentity } from './identity.seed.ts';
export { createSessionStore } from './sessions/sessions.store.ts';

export const identityService: ServiceModule = {
  name: 'identity',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  routes: Object.values(identityRoutes),
  env: IdentityEnv,
  async start(context) {
    const { admin } = identityConfig(context.config);
    if (admin)
      await ensureStaffAccount(context.db, context.clock, { ...admin, role: 'admin' }, context.logger);
    return async () => undefined;
  },
  registerRoutes(app, context) {
    const runtime = createIdentityRuntime(context);
    registerAuthRoutes(app, runtime);
    registerCustomerRoutes(app, context);
    registerPartnerRoutes(app, runtime);
    registerAuditRoutes(app, context);
    registerDevSmsRoute(app, runtime);
  },
};

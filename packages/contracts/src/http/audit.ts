import { type Static, Type } from 'typebox';
import { Nullable, RoleName, Timestamp, Uuid } from './common.ts';

/** One admin action as every service records it in its own `audit_log` (who, what, when, before/after). */
export const AuditEntry = Type.Object({
  id: Uuid,
  occurredAt: Timestamp,
  actor: Type.Object({ id: Type.String(), role: RoleName }),
  action: Type.String({ description: 'e.g. partner.approved' }),
  resourceType: Type.String(),
  resourceId: Type.String(),
  before: Type.Unknown({ description: 'the resource before the action; null when it created it' }),
  after: Type.Unknown({ description: 'the resource after the action; null when it removed it' }),
  correlationId: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object(
  {
    resourceType: Type.Optional(Type.String({ maxLength: 60 })),
    resourceId: Type.Optional(Type.String({ maxLength: 200 })),
    actorId: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    before: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), nextCursor: Nullable(Uuid) });
export type AuditPage = Static<typeof AuditPage>;

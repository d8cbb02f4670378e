import Type, { type Static } from 'typebox';

export const Actor = Type.Object({
  kind: Type.Union([
    Type.Literal('customer'),
    Type.Literal('partner'),
    Type.Literal('admin'),
    Type.Literal('system'),
  ]),
  id: Type.String(),
});
export type Actor = Static<typeof Actor>;

/** Every domain event travels in this envelope; `type` is also the routing key. */
export const EventEnvelopeSchema = Type.Object({
  id: Type.String({ description: 'UUIDv7, unique per event; consumers dedupe on it' }),
  type: Type.String({ pattern: '^[a-z_]+\\.[a-z_]+$' }),
  version: Type.Integer({ minimum: 1 }),
  occurredAt: Type.String({ format: 'date-time' }),
  correlationId: Type.String(),
  causationId: Type.Union([Type.String(), Type.Null()]),
  actor: Actor,
  data: Type.Unknown(),
});
export interface EventEnvelope<TType extends string = string, TData = unknown> {
  id: string;
  type: TType;
  version: number;
  occurredAt: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: TData;
}

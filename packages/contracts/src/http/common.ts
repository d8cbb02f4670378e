import { type TSchema, Type } from 'typebox';

export const Uuid = Type.String({ format: 'uuid' });
export const Paise = Type.Integer({
  minimum: 0,
  maximum: 100_000_000_00,
  description: 'Amount in paise (1 INR = 100 paise)',
});
export const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String(),
          message: Type.String(),
          rule: Type.Optional(Type.String({ description: 'the JSON Schema keyword the value broke' })),
          limit: Type.Optional(Type.Number()),
          format: Type.Optional(Type.String()),
        }),
      ),
    ),
  },
  { description: 'RFC 9457 problem details' },
);

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const RoleName = Type.Union([
  Type.Literal('customer'),
  Type.Literal('partner'),
  Type.Literal('admin'),
  Type.Literal('ops'),
]);

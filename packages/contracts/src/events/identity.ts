import { Type } from 'typebox';

const PartnerStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('suspended'),
]);

/** The partner as other services project it (booking, dispatch): every field, whatever changed. */
const PartnerSnapshot = {
  partnerId: Type.String(),
  name: Type.String(),
  phone: Type.String({ description: 'E.164' }),
  photoUrl: Type.Union([Type.String(), Type.Null()]),
  skills: Type.Array(Type.String(), { description: 'catalog service ids' }),
  hubId: Type.String(),
  status: PartnerStatus,
};

export const identityEvents = {
  'identity.partner_created': {
    version: 1,
    data: Type.Object(PartnerSnapshot),
  },
  'identity.partner_updated': {
    version: 1,
    data: Type.Object({
      ...PartnerSnapshot,
      changed: Type.Array(Type.String(), { description: 'names of the fields this update changed' }),
    }),
  },
  'identity.customer_registered': {
    version: 1,
    data: Type.Object({ customerId: Type.String(), phone: Type.String({ description: 'E.164' }) }),
  },
} as const;

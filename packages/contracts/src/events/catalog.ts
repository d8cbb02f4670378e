import { Type } from 'typebox';

const ExtraCharge = Type.Object({
  graceMinutes: Type.Integer(),
  blockMinutes: Type.Integer(),
  blockPricePaise: Type.Integer(),
});

/** Everything a consumer (booking, dispatch) needs to price and match a service, as of the event. */
const ServiceSnapshot = {
  serviceId: Type.String(),
  name: Type.String(),
  category: Type.String(),
  basePricePaise: Type.Integer(),
};
const ServiceTerms = {
  includedMinutes: Type.Integer(),
  extraCharge: ExtraCharge,
  taxRateBasisPoints: Type.Integer(),
  skill: Type.String(),
  isActive: Type.Boolean(),
};

export const catalogEvents = {
  'catalog.service_created': {
    version: 1,
    // the terms were added after v1 shipped; optional keeps old producers' events valid
    data: Type.Object({
      ...ServiceSnapshot,
      includedMinutes: Type.Optional(ServiceTerms.includedMinutes),
      extraCharge: Type.Optional(ExtraCharge),
      taxRateBasisPoints: Type.Optional(ServiceTerms.taxRateBasisPoints),
      skill: Type.Optional(ServiceTerms.skill),
      isActive: Type.Optional(ServiceTerms.isActive),
    }),
  },
  'catalog.service_updated': {
    version: 1,
    data: Type.Object({ ...ServiceSnapshot, ...ServiceTerms }),
  },
} as const;

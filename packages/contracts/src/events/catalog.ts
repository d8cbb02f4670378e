import { Type } from 'typebox';

export const catalogEvents = {
  'catalog.service_created': {
    version: 1,
    data: Type.Object({
      serviceId: Type.String(),
      name: Type.String(),
      category: Type.String(),
      basePricePaise: Type.Integer(),
    }),
  },
} as const;

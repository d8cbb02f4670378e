import type { ErrorDefinitions } from './definitions.ts';

export const trackingErrors = {
  'TRACKING.NOT_FOUND': { status: 404, title: 'No such tracked job of yours' },
  'TRACKING.NOT_EN_ROUTE': { status: 409, title: 'Positions are taken only on the way to the job' },
  'TRACKING.UPLOAD_IN_PROGRESS': {
    status: 409,
    title: 'Your previous upload is still being taken; send again',
  },
  'TRACKING.POSITIONS_REJECTED': { status: 400, title: 'Every position in the upload was refused' },
} as const satisfies ErrorDefinitions;

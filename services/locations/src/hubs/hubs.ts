import type { Decided, ErrorCode, Hub, HubPatch, NewHub, Rejection } from '@zefy/contracts';
import {
  boundingBox,
  checkPolygon,
  type PolygonGeometry,
  type PolygonProblem,
  ringAreaSquareMetres,
} from '@zefy/rules';

const polygonCodes: Record<PolygonProblem['kind'], ErrorCode> = {
  coordinates_out_of_range: 'LOCATIONS.COORDINATES_OUT_OF_RANGE',
  has_holes: 'LOCATIONS.POLYGON_HAS_HOLES',
  too_few_positions: 'LOCATIONS.POLYGON_TOO_FEW_POSITIONS',
  too_many_positions: 'LOCATIONS.POLYGON_TOO_MANY_POSITIONS',
  not_closed: 'LOCATIONS.POLYGON_NOT_CLOSED',
  self_intersecting: 'LOCATIONS.POLYGON_SELF_INTERSECTING',
};

const reject = (code: ErrorCode, field: string, message: string): { ok: false; rejection: Rejection } => ({
  ok: false,
  rejection: { code, detail: `${field} ${message}`, errors: [{ field, message }] },
});

/** Whether the runtime knows the zone (Intl carries the IANA database, in Node and in browsers alike). */
export function isIanaTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone.includes('/') || timezone === 'UTC';
  } catch {
    return false;
  }
}

/** The stored shape of a hub, derived measures included, from an outline that passed every check. */
function shape(polygon: PolygonGeometry): Decided<Pick<Hub, 'polygon' | 'bbox' | 'areaSquareMetres'>> {
  const checked = checkPolygon(polygon);
  if (!checked.ok) return reject(polygonCodes[checked.problem.kind], 'body.polygon', checked.problem.detail);
  const ring = checked.polygon.coordinates[0]!;
  return {
    ok: true,
    value: {
      polygon: checked.polygon,
      bbox: boundingBox(ring),
      areaSquareMetres: ringAreaSquareMetres(ring),
    },
  };
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ');

export function planNewHub(input: NewHub, context: { id: string; now: Date }): Decided<Hub> {
  if (!isIanaTimezone(input.timezone))
    return reject('LOCATIONS.TIMEZONE_UNKNOWN', 'body.timezone', `"${input.timezone}" is not an IANA zone`);
  const measured = shape(input.polygon as PolygonGeometry);
  if (!measured.ok) return measured;
  const now = context.now.toISOString();
  return {
    ok: true,
    value: {
      id: context.id,
      name: normalise(input.name),
      city: normalise(input.city),
      timezone: input.timezone,
      ...measured.value,
      isActive: input.isActive ?? true,
      createdAt: now,
      updatedAt: now,
    },
  };
}

export function applyHubPatch(current: Hub, patch: HubPatch, now: Date): Decided<Hub> {
  if (patch.timezone !== undefined && !isIanaTimezone(patch.timezone))
    return reject('LOCATIONS.TIMEZONE_UNKNOWN', 'body.timezone', `"${patch.timezone}" is not an IANA zone`);
  const measured = patch.polygon ? shape(patch.polygon as PolygonGeometry) : undefined;
  if (measured && !measured.ok) return measured;
  return {
    ok: true,
    value: {
      ...current,
      ...(patch.name !== undefined ? { name: normalise(patch.name) } : {}),
      ...(patch.city !== undefined ? { city: normalise(patch.city) } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
      ...(measured?.ok ? measured.value : {}),
      updatedAt: now.toISOString(),
    },
  };
}

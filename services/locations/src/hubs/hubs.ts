import type { ErrorCode, GeoPolygon, Hub, HubPatch, HubTaxIdentity, NewHub } from '@zefy/contracts';
import { accept, assertNever, type Decider, type Decision, refuse } from '@zefy/platform/domain';
import {
  boundingBox,
  checkGstin,
  checkPolygon,
  type PolygonGeometry,
  type PolygonProblem,
  ringAreaSquareMetres,
} from '@zefy/rules';

/** A hub: not there yet, or listed (serving while active). */
export type HubState = { status: 'none' } | { status: 'listed'; hub: Hub };

/** Creating, editing or deactivating a hub (`isActive: false` is an edit: one PATCH, one event). */
export type HubCommand =
  | { type: 'CreateHub'; id: string; input: NewHub }
  | { type: 'EditHub'; patch: HubPatch };

/** The whole hub in each event; an edit also keeps what addresses were resolved against before it. */
export type HubEvent =
  | { type: 'HubCreated'; hub: Hub }
  | { type: 'HubEdited'; hub: Hub; previous: Pick<Hub, 'bbox' | 'isActive'> };

const polygonCodes: Record<PolygonProblem['kind'], ErrorCode> = {
  coordinates_out_of_range: 'LOCATIONS.COORDINATES_OUT_OF_RANGE',
  has_holes: 'LOCATIONS.POLYGON_HAS_HOLES',
  too_few_positions: 'LOCATIONS.POLYGON_TOO_FEW_POSITIONS',
  too_many_positions: 'LOCATIONS.POLYGON_TOO_MANY_POSITIONS',
  not_closed: 'LOCATIONS.POLYGON_NOT_CLOSED',
  self_intersecting: 'LOCATIONS.POLYGON_SELF_INTERSECTING',
};

const refuseField = (code: ErrorCode, field: string, message: string) =>
  refuse<HubEvent>(code, `${field} ${message}`, [{ field, message }]);

const unknownTimezone = (timezone: string) =>
  refuseField('LOCATIONS.TIMEZONE_UNKNOWN', 'body.timezone', `"${timezone}" is not an IANA zone`);

const badOutline = (problem: PolygonProblem) =>
  refuseField(polygonCodes[problem.kind], 'body.polygon', problem.detail);

/** Whether the runtime knows the zone (Intl carries the IANA database, in Node and in browsers alike). */
export function isIanaTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone.includes('/') || timezone === 'UTC';
  } catch {
    return false;
  }
}

type Outline = Pick<Hub, 'polygon' | 'bbox' | 'areaSquareMetres'>;

/** The outline as stored, with its derived measures, or the problem that keeps it from being a hub. */
function measure(polygon: GeoPolygon): Outline | PolygonProblem {
  const checked = checkPolygon(polygon as PolygonGeometry);
  if (!checked.ok) return checked.problem;
  const ring = checked.polygon.coordinates[0]!;
  return { polygon: checked.polygon, bbox: boundingBox(ring), areaSquareMetres: ringAreaSquareMetres(ring) };
}

const normalise = (text: string) => text.trim().replace(/\s+/g, ' ');

/** The address keeps its lines (a printed receipt shows them), each tidied, blank ones dropped. */
const normaliseLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map(normalise)
    .filter((line) => line !== '')
    .join('\n');

/** The tax identity as stored, or the refusal of its GSTIN; null (none) stays null. */
function taxIdentityOf(input: HubTaxIdentity | null): HubTaxIdentity | null | Decision<HubEvent> {
  if (input === null) return null;
  const checked = checkGstin(input.gstin);
  if (!checked.ok) return refuseField('LOCATIONS.GSTIN_INVALID', 'body.taxIdentity.gstin', checked.message);
  return {
    legalName: normalise(input.legalName),
    gstin: checked.gstin,
    registeredAddress: normaliseLines(input.registeredAddress),
  };
}

const isRefusal = (value: HubTaxIdentity | null | Decision<HubEvent>): value is Decision<HubEvent> =>
  value !== null && 'ok' in value;

function createHub(command: Extract<HubCommand, { type: 'CreateHub' }>, now: string): Decision<HubEvent> {
  const { input } = command;
  if (!isIanaTimezone(input.timezone)) return unknownTimezone(input.timezone);
  const outline = measure(input.polygon);
  if ('kind' in outline) return badOutline(outline);
  const taxIdentity = taxIdentityOf(input.taxIdentity ?? null);
  if (isRefusal(taxIdentity)) return taxIdentity;
  return accept({
    type: 'HubCreated',
    hub: {
      id: command.id,
      name: normalise(input.name),
      city: normalise(input.city),
      timezone: input.timezone,
      ...outline,
      isActive: input.isActive ?? true,
      taxIdentity,
      createdAt: now,
      updatedAt: now,
    },
  });
}

/** Only the fields sent change; a new outline is checked and measured again. */
function editHub(current: Hub, patch: HubPatch, now: string): Decision<HubEvent> {
  if (patch.timezone !== undefined && !isIanaTimezone(patch.timezone)) return unknownTimezone(patch.timezone);
  const outline = patch.polygon ? measure(patch.polygon) : undefined;
  if (outline && 'kind' in outline) return badOutline(outline);
  const taxIdentity =
    patch.taxIdentity === undefined ? current.taxIdentity : taxIdentityOf(patch.taxIdentity);
  if (isRefusal(taxIdentity)) return taxIdentity;
  return accept({
    type: 'HubEdited',
    hub: {
      ...current,
      ...(patch.name !== undefined ? { name: normalise(patch.name) } : {}),
      ...(patch.city !== undefined ? { city: normalise(patch.city) } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
      ...outline,
      taxIdentity,
      updatedAt: now,
    },
    previous: { bbox: current.bbox, isActive: current.isActive },
  });
}

export const hubDecider: Decider<HubCommand, HubState, HubEvent> = {
  initialState: { status: 'none' },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'CreateHub':
        if (state.status !== 'none') return refuse('LOCATIONS.HUB_NAME_TAKEN', 'the hub already exists');
        return createHub(command, now.toISOString());
      case 'EditHub':
        if (state.status === 'none') return refuse('LOCATIONS.HUB_NOT_FOUND', 'there is no such hub');
        return editHub(state.hub, command.patch, now.toISOString());
      default:
        return assertNever(command);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'HubCreated':
      case 'HubEdited':
        return { status: 'listed', hub: event.hub };
      default:
        return assertNever(event);
    }
  },
};

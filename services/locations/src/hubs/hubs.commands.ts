import type { Actor, Hub, HubPatch, NewHub, Serviceability } from '@zefy/contracts';
import { AppError, type Clock, type Database, decideOrThrow, newId, type Transaction } from '@zefy/platform';
import { isValidLatitude, isValidLongitude } from '@zefy/rules';
import { toWireEvent } from './hubs.events.ts';
import { insertHub, lockHub, saveHub } from './hubs.repository.ts';
import type { HubResolver } from './hubs.resolver.ts';
import { type HubCommand, type HubState, hubDecider } from './hubs.ts';

/** What hub commands use; src/deps.ts builds the resolver from this module, so the module names its own needs. */
export interface HubsDeps {
  db: Database;
  clock: Clock;
  resolver: HubResolver;
}

/** decide → the hub as it becomes, and its wire events, for the repository to store in one transaction. */
export function decideHub(clock: Clock, command: HubCommand, state: HubState, actor: Actor) {
  const { state: after, events } = decideOrThrow(hubDecider, command, state, { actor, now: clock.now() });
  if (after.status === 'none') throw new Error('a decided hub command left no hub');
  return { hub: after.hub, events: events.map((event) => toWireEvent(event, { actor, clock })) };
}

export async function createHub(deps: HubsDeps, input: NewHub, actor: Actor): Promise<Hub> {
  const { hub, events } = decideHub(
    deps.clock,
    { type: 'CreateHub', id: newId(), input },
    hubDecider.initialState,
    actor,
  );
  await deps.db.transaction((tx) => insertHub(tx, hub, events));
  return hub;
}

/** An edit, including deactivation (`isActive: false`) and reactivation. */
export function editHub(deps: HubsDeps, hubId: string, patch: HubPatch, actor: Actor): Promise<Hub> {
  return deps.db.transaction(async (tx) => {
    const current = await lockHub(tx, hubId);
    const { hub, events } = decideHub(
      deps.clock,
      { type: 'EditHub', patch },
      { status: 'listed', hub: current },
      actor,
    );
    await saveHub(tx, hub, events);
    return hub;
  });
}

/** Seed data, with the ids it carries, in the caller's transaction; hubs that already exist are left alone. */
export async function importHubs(
  deps: HubsDeps,
  tx: Transaction,
  hubs: ReadonlyArray<NewHub & { id: string }>,
  actor: Actor,
): Promise<void> {
  for (const { id, ...input } of hubs) {
    const { hub, events } = decideHub(
      deps.clock,
      { type: 'CreateHub', id, input },
      hubDecider.initialState,
      actor,
    );
    await insertHub(tx, hub, events, { onConflict: 'skip' });
  }
}

export async function serviceabilityAt(deps: HubsDeps, lat: number, lng: number): Promise<Serviceability> {
  if (!isValidLatitude(lat) || !isValidLongitude(lng))
    throw new AppError(
      'LOCATIONS.COORDINATES_OUT_OF_RANGE',
      `lat ${lat}, lng ${lng}: latitude must be from -90 to 90 and longitude from -180 to 180`,
    );
  const resolution = await deps.resolver.resolve(deps.db.pool, lat, lng);
  return { ...resolution, isServiceable: resolution.hubId !== null };
}

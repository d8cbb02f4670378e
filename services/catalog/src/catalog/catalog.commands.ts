import type {
  Actor,
  CatalogCategory,
  CatalogCategoryPatch,
  CatalogServicePatch,
  NewCatalogCategory,
  NewCatalogService,
} from '@zefy/contracts';
import { decideOrThrow, newId } from '@zefy/platform';
import type { CatalogDeps } from '../deps.ts';
import { toWireEvent } from './catalog.events.ts';
import {
  insertCategory,
  insertService,
  listCategories,
  lockCategory,
  lockService,
  saveCategory,
  saveService,
} from './catalog.repository.ts';
import {
  applyCategoryPatch,
  planNewCategory,
  type ServiceCommand,
  type ServiceRecord,
  type ServiceState,
  serviceDecider,
} from './catalog.ts';

/** decide → the service as it becomes, and its wire events, for the repository to store in one transaction. */
function decideService(deps: CatalogDeps, command: ServiceCommand, state: ServiceState, actor: Actor) {
  const { state: after, events } = decideOrThrow(serviceDecider, command, state, {
    actor,
    now: deps.clock.now(),
  });
  if (after.status === 'none') throw new Error('a decided service command left no service');
  const wire = events.map((event) => toWireEvent(event, { actor, clock: deps.clock }));
  return { service: after.service, events: wire };
}

export async function createService(
  deps: CatalogDeps,
  input: NewCatalogService,
  actor: Actor,
): Promise<ServiceRecord> {
  const { service, events } = decideService(
    deps,
    { type: 'CreateService', id: newId(), input },
    serviceDecider.initialState,
    actor,
  );
  await deps.db.transaction((tx) => insertService(tx, service, events));
  return service;
}

export function updateService(
  deps: CatalogDeps,
  serviceId: string,
  patch: CatalogServicePatch,
  actor: Actor,
): Promise<ServiceRecord> {
  return deps.db.transaction(async (tx) => {
    const current = await lockService(tx, serviceId);
    const { service, events } = decideService(
      deps,
      { type: 'UpdateService', patch },
      { status: 'listed', service: current },
      actor,
    );
    await saveService(tx, service, events);
    return service;
  });
}

export const createCategory = (deps: CatalogDeps, input: NewCatalogCategory): Promise<CatalogCategory> =>
  insertCategory(deps.db.pool, planNewCategory(input, deps.clock.now()));

export async function updateCategory(
  deps: CatalogDeps,
  categoryId: string,
  patch: CatalogCategoryPatch,
): Promise<CatalogCategory> {
  const updated = await deps.db.transaction(async (tx) => {
    const category = applyCategoryPatch(await lockCategory(tx, categoryId), patch, deps.clock.now());
    await saveCategory(tx, category);
    const [withCount] = await listCategories(tx, { includeInactive: true, id: category.id });
    return withCount!;
  });
  // a category's change publishes no event, yet (de)activating it shows or hides its services
  await deps.publicList.invalidate();
  return updated;
}

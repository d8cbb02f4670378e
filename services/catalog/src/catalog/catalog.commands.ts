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

/**
 * Once a change that may alter the public list has committed, every instance reads the list again: at once,
 * so the caller reads their own write. The service events' consumer does the same, in case this process
 * stops between the commit and this call; a category's change publishes no event, so it relies on this.
 */
async function listedOnceCommitted<T>(deps: CatalogDeps, change: Promise<T>): Promise<T> {
  const result = await change;
  await deps.publicList.invalidate();
  return result;
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
  await listedOnceCommitted(
    deps,
    deps.db.transaction((tx) => insertService(tx, service, events)),
  );
  return service;
}

export function updateService(
  deps: CatalogDeps,
  serviceId: string,
  patch: CatalogServicePatch,
  actor: Actor,
): Promise<ServiceRecord> {
  const change = deps.db.transaction(async (tx) => {
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
  return listedOnceCommitted(deps, change);
}

export const createCategory = (deps: CatalogDeps, input: NewCatalogCategory): Promise<CatalogCategory> =>
  insertCategory(deps.db.pool, planNewCategory(input, deps.clock.now()));

export function updateCategory(
  deps: CatalogDeps,
  categoryId: string,
  patch: CatalogCategoryPatch,
): Promise<CatalogCategory> {
  const change = deps.db.transaction(async (tx) => {
    const category = applyCategoryPatch(await lockCategory(tx, categoryId), patch, deps.clock.now());
    await saveCategory(tx, category);
    const [withCount] = await listCategories(tx, { includeInactive: true, id: category.id });
    return withCount!;
  });
  return listedOnceCommitted(deps, change);
}

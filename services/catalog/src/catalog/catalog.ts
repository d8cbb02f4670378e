import type { Actor, CatalogService, NewCatalogService } from '@zefy/contracts';

export interface NewServicePlan {
  service: CatalogService;
  actor: Actor;
}

/** Normalises an admin's input into the service to store; names are compared case-insensitively. */
export function planNewService(
  input: NewCatalogService,
  context: { id: string; now: Date; actor: Actor },
): NewServicePlan {
  return {
    service: {
      id: context.id,
      name: input.name.trim().replace(/\s+/g, ' '),
      category: input.category,
      basePricePaise: input.basePricePaise,
      createdAt: context.now.toISOString(),
    },
    actor: context.actor,
  };
}

export interface CategoryCount {
  category: string;
  serviceCount: number;
}

/** Categories by name; the read model is keyed by category so order is a presentation choice. */
export const sortCategories = (counts: readonly CategoryCount[]): CategoryCount[] =>
  [...counts].sort((a, b) => a.category.localeCompare(b.category));

import type {
  CatalogCategory,
  CatalogCategoryPatch,
  CatalogService,
  CatalogServicePatch,
  ExtraChargeRule,
  NewCatalogCategory,
  NewCatalogService,
  Rejection,
} from '@zefy/contracts';
import { accept, assertNever, type Decider, type Decision, refuse } from '@zefy/platform/domain';
import { checkPricingRule, type PricingRule, priceBreakdown } from '@zefy/rules';

/** A service as stored; its price breakdown is derived, never stored. */
export type ServiceRecord = Omit<CatalogService, 'price'>;
export type CategoryRecord = Omit<CatalogCategory, 'serviceCount'>;

/** What an admin may leave out when creating a service (the original create body had none of these). */
export const serviceDefaults = {
  description: '',
  imageUrl: null,
  includedMinutes: 60,
  extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 0 },
  taxRateBasisPoints: 1800,
} as const satisfies Partial<ServiceRecord>;

const normaliseName = (name: string) => name.trim().replace(/\s+/g, ' ');

export const pricingRuleOf = (service: ServiceRecord): PricingRule => ({
  basePricePaise: service.basePricePaise,
  includedMinutes: service.includedMinutes,
  graceMinutes: service.extraCharge.graceMinutes,
  extraBlockMinutes: service.extraCharge.blockMinutes,
  extraBlockPricePaise: service.extraCharge.blockPricePaise,
  taxRateBasisPoints: service.taxRateBasisPoints,
});

const fieldNames: Record<keyof PricingRule, string> = {
  basePricePaise: 'basePricePaise',
  includedMinutes: 'includedMinutes',
  graceMinutes: 'extraCharge.graceMinutes',
  extraBlockMinutes: 'extraCharge.blockMinutes',
  extraBlockPricePaise: 'extraCharge.blockPricePaise',
  taxRateBasisPoints: 'taxRateBasisPoints',
};

/** Money problems get their own code (a price of -1 is a different mistake from a 0-minute block). */
function checkTerms(service: ServiceRecord): Rejection | undefined {
  const problems = checkPricingRule(pricingRuleOf(service)).map((problem) => ({
    field: `body.${fieldNames[problem.field]}`,
    message: problem.message,
    isMoney: problem.field === 'basePricePaise' || problem.field === 'extraBlockPricePaise',
  }));
  if (problems.length === 0) return undefined;
  const money = problems.filter((problem) => problem.isMoney);
  const reported = money.length > 0 ? money : problems;
  return {
    code: money.length > 0 ? 'CATALOG.PRICE_OUT_OF_RANGE' : 'CATALOG.PRICING_RULE_INVALID',
    detail: reported.map((problem) => `${problem.field} ${problem.message}`).join('; '),
    errors: reported.map(({ field, message }) => ({ field, message })),
  };
}

/** A service of the catalog: not there yet, or listed (active or not). */
export type ServiceState = { status: 'none' } | { status: 'listed'; service: ServiceRecord };

export type ServiceCommand =
  | { type: 'CreateService'; id: string; input: NewCatalogService }
  | { type: 'UpdateService'; patch: CatalogServicePatch };

/** The whole record in each event: the wire events carry less (catalog.events.ts maps them). */
export type ServiceEvent =
  | { type: 'ServiceCreated'; service: ServiceRecord }
  | { type: 'ServiceUpdated'; service: ServiceRecord };

const checked = (type: ServiceEvent['type'], service: ServiceRecord): Decision<ServiceEvent> => {
  const rejection = checkTerms(service);
  return rejection ? refuse(rejection.code, rejection.detail, rejection.errors) : accept({ type, service });
};

/** Normalises an admin's input into the service to store; names are compared case-insensitively. */
function createService(
  command: Extract<ServiceCommand, { type: 'CreateService' }>,
  now: string,
): Decision<ServiceEvent> {
  const { input } = command;
  return checked('ServiceCreated', {
    id: command.id,
    name: normaliseName(input.name),
    category: input.category,
    description: input.description?.trim() ?? serviceDefaults.description,
    imageUrl: input.imageUrl ?? serviceDefaults.imageUrl,
    includedMinutes: input.includedMinutes ?? serviceDefaults.includedMinutes,
    basePricePaise: input.basePricePaise,
    extraCharge: input.extraCharge ?? { ...serviceDefaults.extraCharge },
    taxRateBasisPoints: input.taxRateBasisPoints ?? serviceDefaults.taxRateBasisPoints,
    // a service without a named skill needs a partner of its category's trade
    skill: input.skill ?? input.category,
    isActive: true,
    createdAt: now,
    updatedAt: now,
  });
}

/** An admin's edit: only the fields sent change; the result is checked as a whole. */
function updateService(
  current: ServiceRecord,
  patch: CatalogServicePatch,
  now: string,
): Decision<ServiceEvent> {
  const extraCharge: ExtraChargeRule = patch.extraCharge ?? current.extraCharge;
  return checked('ServiceUpdated', {
    ...current,
    ...(patch.name !== undefined ? { name: normaliseName(patch.name) } : {}),
    ...(patch.category !== undefined ? { category: patch.category } : {}),
    ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
    ...(patch.imageUrl !== undefined ? { imageUrl: patch.imageUrl } : {}),
    ...(patch.includedMinutes !== undefined ? { includedMinutes: patch.includedMinutes } : {}),
    ...(patch.basePricePaise !== undefined ? { basePricePaise: patch.basePricePaise } : {}),
    ...(patch.taxRateBasisPoints !== undefined ? { taxRateBasisPoints: patch.taxRateBasisPoints } : {}),
    ...(patch.skill !== undefined ? { skill: patch.skill } : {}),
    ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    extraCharge,
    updatedAt: now,
  });
}

export const serviceDecider: Decider<ServiceCommand, ServiceState, ServiceEvent> = {
  initialState: { status: 'none' },
  decide(command, state, { now }) {
    switch (command.type) {
      case 'CreateService':
        if (state.status !== 'none')
          return refuse('CATALOG.SERVICE_NAME_TAKEN', 'the service already exists');
        return createService(command, now.toISOString());
      case 'UpdateService':
        if (state.status === 'none') return refuse('CATALOG.SERVICE_NOT_FOUND', 'there is no such service');
        return updateService(state.service, command.patch, now.toISOString());
      default:
        return assertNever(command);
    }
  },
  evolve(_state, event) {
    switch (event.type) {
      case 'ServiceCreated':
      case 'ServiceUpdated':
        return { status: 'listed', service: event.service };
      default:
        return assertNever(event);
    }
  },
};

/** The service as the API shows it: with the price breakdown of a job that ends on time. */
export const withPrice = (service: ServiceRecord): CatalogService => ({
  ...service,
  price: priceBreakdown(pricingRuleOf(service)),
});

export function planNewCategory(input: NewCatalogCategory, now: Date): CategoryRecord {
  return {
    id: input.id,
    name: normaliseName(input.name),
    description: input.description?.trim() ?? '',
    imageUrl: input.imageUrl ?? null,
    isActive: true,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

export function applyCategoryPatch(
  current: CategoryRecord,
  patch: CatalogCategoryPatch,
  now: Date,
): CategoryRecord {
  return {
    ...current,
    ...(patch.name !== undefined ? { name: normaliseName(patch.name) } : {}),
    ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
    ...(patch.imageUrl !== undefined ? { imageUrl: patch.imageUrl } : {}),
    ...(patch.isActive !== undefined ? { isActive: patch.isActive } : {}),
    updatedAt: now.toISOString(),
  };
}

/** Categories by name; the API lists them in this order. */
export const sortCategories = <T extends { name: string }>(categories: readonly T[]): T[] =>
  [...categories].sort((a, b) => a.name.localeCompare(b.name));

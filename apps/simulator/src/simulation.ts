import { setMaxListeners } from 'node:events';
import { bookingRoutes, identityRoutes, type Partner } from '@zefy/contracts';
import { demoCity } from '@zefy/demo-city';
import {
  type CustomerAgent,
  type CustomerBehaviour,
  customerAgent,
  defaultCustomerBehaviour,
} from './customer-agent.ts';
import { demandSchedule, type HubDemand } from './demand.ts';
import { type ApiClient, ApiError, sleep } from './http.ts';
import {
  defaultPartnerBehaviour,
  type PartnerAgent,
  type PartnerAgentEvent,
  type PartnerBehaviour,
  partnerAgent,
} from './partner-agent.ts';
import { between, pickWeighted, type Random, seededRandom } from './random.ts';
import { type BookingRecord, type CapacityReport, capacityReport, percentile } from './report.ts';
import { centreOfRing, offsetMeters, type Point, pointInRing } from './route.ts';
import { randomPhone, type Sessions } from './sessions.ts';

type Ring = ReadonlyArray<readonly [number, number]>;
const ringOf = (hub: (typeof demoCity.locations.hubs)[number]): Ring =>
  hub.polygon.coordinates[0] as unknown as Ring;

/** Busier neighbourhoods book more: the share of the city's demand each demo hub gets. */
export const demoHubDemand: HubDemand[] = demoCity.locations.hubs.map((hub) => ({
  hubId: hub.id,
  weight:
    { Koramangala: 1.5, Indiranagar: 1.3, 'HSR Layout': 1.1, Jayanagar: 1, Whitefield: 0.8 }[hub.name] ?? 1,
}));

export interface SimulationOptions {
  api: ApiClient;
  sessions: Sessions;
  partners: number;
  bookingsPerMinute: number;
  minutes: number;
  /** How long to wait, after the last booking, for open bookings to settle before calling them stuck. */
  drainMinutes: number;
  seed: number;
  /**
   * Draw homes and partners' starting points within this many metres of the hub's centre instead of
   * anywhere in the hub: short drives, for quick runs.
   */
  spreadMeters?: number;
  partnerBehaviour?: Partial<PartnerBehaviour>;
  customerBehaviour?: Partial<CustomerBehaviour>;
  /** Partners go on duty one after another over this many seconds before the first booking. */
  warmUpSeconds?: number;
  onProgress?: (line: string) => void;
  progressEverySeconds?: number;
  signal?: AbortSignal;
}

const allServiceIds = demoCity.catalog.services.map((service) => service.id);

/** Registers an approved partner of the hub through the admin API, as the operations team does. */
export async function registerPartner(
  api: ApiClient,
  adminToken: string,
  input: { name: string; hubId: string; skills: readonly string[] },
): Promise<Partner> {
  const asAdmin = api.as(adminToken);
  const partner = await asAdmin.call(
    identityRoutes.createPartner,
    { body: { name: input.name, phone: randomPhone(), hubId: input.hubId, skills: [...input.skills] } },
    { idempotencyKey: true },
  );
  await asAdmin.call(identityRoutes.approvePartner, { params: { partnerId: partner.id } });
  return partner;
}

/** Waits until booking knows the partner as approved (it learns from identity's events). */
export async function untilPartnerKnown(api: ApiClient, token: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.as(token).call(bookingRoutes.getPresence);
      return;
    } catch (error) {
      if (attempt >= 100 || !(error instanceof ApiError) || error.status >= 500) throw error;
      await sleep(100);
    }
  }
}

function placeIn(
  random: Random,
  hub: (typeof demoCity.locations.hubs)[number],
  spreadMeters?: number,
): Point {
  if (spreadMeters === undefined) return pointInRing(random, ringOf(hub));
  const angle = random() * 2 * Math.PI;
  const distance = Math.sqrt(random()) * spreadMeters;
  return offsetMeters(centreOfRing(ringOf(hub)), Math.sin(angle) * distance, Math.cos(angle) * distance);
}

const statusCounts = (records: readonly BookingRecord[]) => {
  const count = (...statuses: string[]) =>
    records.filter((record) => statuses.includes(record.lastStatus ?? '')).length;
  return {
    booked: records.filter((record) => record.bookingId !== null).length,
    assigned: count('assigned'),
    enRoute: count('en_route', 'arrived'),
    inProgress: count('in_progress', 'awaiting_extra_payment'),
    completed: records.filter((record) => record.outcome === 'completed').length,
    refunded: records.filter((record) => record.outcome === 'refunded_no_partner').length,
  };
};

/**
 * The virtual city: `partners` simulated partners on duty over the demo hubs, customers booking "now" on a
 * Poisson demand curve for `minutes`, then a drain until every booking has settled (or the drain runs out:
 * those are stuck). Answers the capacity report.
 */
export async function runSimulation(options: SimulationOptions): Promise<CapacityReport> {
  const random = seededRandom(options.seed);
  const { api, sessions } = options;
  const partnerBehaviour = { ...defaultPartnerBehaviour, ...options.partnerBehaviour };
  const customerBehaviour = { ...defaultCustomerBehaviour, ...options.customerBehaviour };
  const hubs = demoCity.locations.hubs;
  const hubById = new Map(hubs.map((hub) => [hub.id, hub]));
  const say = options.onProgress ?? (() => undefined);
  const stopping = new AbortController();
  // every waiting customer and partner listens for the end of the run
  setMaxListeners(0, stopping.signal);
  options.signal?.addEventListener('abort', () => stopping.abort(), { once: true });

  const adminToken = await sessions.admin();
  const agents: Array<{ agent: PartnerAgent; hubId: string }> = [];
  const customers = new Map<string, CustomerAgent>();
  const errors: unknown[] = [];
  const onPartnerEvent = (event: PartnerAgentEvent) => {
    if (event.type === 'error') errors.push(event.error);
  };

  // partners: registered by the team, spread over the hubs by demand, on duty one after another
  const roster = Array.from({ length: options.partners }, (_, index) => {
    const hubId =
      index < hubs.length ? (hubs[index] as { id: string }).id : pickWeighted(random, demoHubDemand).hubId;
    return { index, hubId };
  });
  const warmUpMs = (options.warmUpSeconds ?? Math.min(20, options.partners)) * 1000;
  const startedAt = new Date();
  say(`registering ${options.partners} partners…`);
  const registered = [];
  for (const { index, hubId } of roster)
    registered.push({
      hubId,
      partner: await registerPartner(api, adminToken, {
        name: `Sim Partner ${index + 1}`,
        hubId,
        skills: allServiceIds,
      }),
    });
  const onDuty = registered.map(({ hubId, partner }, index) =>
    (async () => {
      await sleep((warmUpMs * index) / Math.max(1, registered.length), stopping.signal);
      const token = sessions.partner(partner);
      await untilPartnerKnown(api, await token());
      const agent = partnerAgent({
        api,
        token,
        partnerId: partner.id,
        position: placeIn(random, hubById.get(hubId) as (typeof hubs)[number], options.spreadMeters),
        behaviour: partnerBehaviour,
        random: seededRandom(options.seed + index + 1),
        tellCode: async (bookingId, kind) => (await customers.get(bookingId)?.tellCode(kind)) ?? null,
        onEvent: onPartnerEvent,
      });
      await agent.start();
      agents.push({ agent, hubId });
    })(),
  );
  await Promise.all(onDuty);
  say(`${agents.length} partners on duty; booking for ${options.minutes} minute(s)`);

  // customers: a "now" booking each, on the demand curve
  const bookingStartedAt = Date.now();
  const durationMs = options.minutes * 60_000;
  const drainDeadline = bookingStartedAt + durationMs + options.drainMinutes * 60_000;
  const arrivals = demandSchedule(random, {
    perMinute: options.bookingsPerMinute,
    durationMs,
    hubs: demoHubDemand,
  });
  const records: BookingRecord[] = [];
  const runs: Array<Promise<void>> = [];
  const progress = setInterval(
    () => {
      const counts = statusCounts(records);
      const assignments = records
        .flatMap((record) =>
          record.assignedAt !== undefined && record.confirmedAt !== undefined
            ? [(record.assignedAt - record.confirmedAt) / 1000]
            : [],
        )
        .sort((a, b) => a - b);
      const p50 = percentile(assignments, 0.5);
      say(
        `t+${Math.round((Date.now() - bookingStartedAt) / 1000)}s requested ${records.length} booked ${counts.booked} assigned ${counts.assigned} en route ${counts.enRoute} in progress ${counts.inProgress} completed ${counts.completed} refunded ${counts.refunded} p50 assignment ${p50 === null ? '–' : `${p50.toFixed(1)}s`}`,
      );
    },
    (options.progressEverySeconds ?? 5) * 1000,
  );
  try {
    for (const [index, arrival] of arrivals.entries()) {
      await sleep(bookingStartedAt + arrival.atMs - Date.now(), stopping.signal);
      if (stopping.signal.aborted) break;
      const hub = hubById.get(arrival.hubId) as (typeof hubs)[number];
      const customerRandom = seededRandom(options.seed * 7919 + index);
      runs.push(
        (async () => {
          const customer = await sessions.customer();
          const agent = customerAgent({
            api,
            customer,
            hubId: hub.id,
            serviceId: allServiceIds[Math.floor(between(customerRandom, 0, allServiceIds.length))] as string,
            home: placeIn(customerRandom, hub, options.spreadMeters),
            behaviour: customerBehaviour,
            random: customerRandom,
            deadline: () => drainDeadline,
            signal: stopping.signal,
            // the partner asks the customer at the door for the code, by booking
            onHold: (bookingId) => customers.set(bookingId, agent),
          });
          records.push(agent.record);
          await agent.run().catch((error: unknown) => {
            errors.push(error);
          });
        })(),
      );
    }
    await Promise.all(runs);
  } finally {
    clearInterval(progress);
    stopping.abort();
    await Promise.all(agents.map(({ agent }) => agent.stop()));
  }
  for (const error of errors.slice(0, 5))
    say(`agent error: ${error instanceof Error ? error.message : String(error)}`);
  return capacityReport({
    run: {
      startedAt: startedAt.toISOString(),
      endedAt: new Date().toISOString(),
      partners: options.partners,
      bookingsPerMinute: options.bookingsPerMinute,
      minutes: options.minutes,
    },
    hubs: hubs.map((hub) => ({ hubId: hub.id, hubName: hub.name })),
    bookings: records,
    partners: agents.map(({ agent, hubId }) => ({ partnerId: agent.partnerId, hubId, ...agent.usage() })),
  });
}

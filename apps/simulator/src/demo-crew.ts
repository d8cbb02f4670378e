import { demoCity } from '@zefy/demo-city';
import { apiClient } from './http.ts';
import {
  defaultPartnerBehaviour,
  type PartnerAgent,
  type PartnerAgentEvent,
  partnerAgent,
} from './partner-agent.ts';
import { seededRandom } from './random.ts';
import { centreOfRing, offsetMeters } from './route.ts';
import type { Sessions } from './sessions.ts';
import { untilPartnerKnown } from './simulation.ts';

/**
 * The demo crew of `npm start`: the demo city's partners on duty, taking every offer, driving to the door.
 * The customer is the human in the user app, and only they can read the start code: nothing lets a partner
 * see it (nor should), so a crew member stops at "arrived" and waits at the door; the human may finish the
 * job in the partner app, signed in as that partner, typing the code their booking shows.
 */
export async function startDemoCrew(options: {
  baseUrl: string;
  sessions: Sessions;
  onEvent?: (partnerId: string, event: PartnerAgentEvent) => void;
  /** Aborted: no further partner goes on duty (those already on duty stay until stop()). */
  signal?: AbortSignal;
}): Promise<{ partners: number; stop(): Promise<void> }> {
  const api = apiClient(options.baseUrl);
  const agents: PartnerAgent[] = [];
  const hubs = new Map(demoCity.locations.hubs.map((hub) => [hub.id, hub]));
  for (const [index, partner] of demoCity.identity.partners.entries()) {
    if (options.signal?.aborted) break;
    const hub = hubs.get(partner.hubId);
    if (!hub) continue;
    const random = seededRandom(index + 1);
    const token = options.sessions.partner(partner);
    await untilPartnerKnown(api, await token());
    // around the hub's centre, a few hundred metres apart
    const position = offsetMeters(
      centreOfRing(hub.polygon.coordinates[0] as unknown as ReadonlyArray<readonly [number, number]>),
      (random() - 0.5) * 1500,
      (random() - 0.5) * 1500,
    );
    const agent = partnerAgent({
      api,
      token,
      partnerId: partner.id,
      position,
      // a crew that answers every offer, and asks the server little while idle (a human shares the limit)
      behaviour: {
        ...defaultPartnerBehaviour,
        acceptProbability: 1,
        reactionSeconds: [3, 8],
        heartbeatSeconds: 30,
        offerPollSeconds: 30,
      },
      random,
      tellCode: async () => null,
      onEvent: (event) => options.onEvent?.(partner.id, event),
    });
    await agent.start();
    agents.push(agent);
  }
  return {
    partners: agents.length,
    async stop() {
      await Promise.all(agents.map((agent) => agent.stop()));
    },
  };
}

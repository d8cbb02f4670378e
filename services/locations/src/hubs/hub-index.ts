import type { BBox, Position, Ring } from '@zefy/rules';
import { distanceToRingMetres, isPointInRing } from '@zefy/rules';
import RBush from 'rbush';

export interface IndexedHub {
  id: string;
  name: string;
  bbox: BBox;
  ring: Ring;
  areaSquareMetres: number;
  /** Creation time in ms, for the overlap tie-break. */
  createdAt: number;
}

interface Entry {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  hub: IndexedHub;
}

/**
 * Where hubs overlap, the pin goes to the smallest one (the more specific area), then the oldest, then the
 * lowest id: the same answer on every instance and every run.
 */
export const overlapOrder = (a: IndexedHub, b: IndexedHub): number =>
  a.areaSquareMetres - b.areaSquareMetres ||
  a.createdAt - b.createdAt ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Reference resolution without an index: test every hub's polygon. The index must agree with it. */
export function resolveByScan(hubs: readonly IndexedHub[], point: Position): IndexedHub | undefined {
  return hubs.filter((hub) => isPointInRing(point, hub.ring)).sort(overlapOrder)[0];
}

/**
 * Active hubs in an R-tree of their bounding boxes: a pin is tested exactly (point in polygon, edges count as
 * inside) only against the few hubs whose box contains it.
 */
export class HubIndex {
  private readonly tree = new RBush<Entry>();

  constructor(readonly hubs: readonly IndexedHub[]) {
    this.tree.load(
      hubs.map((hub) => ({
        minX: hub.bbox[0],
        minY: hub.bbox[1],
        maxX: hub.bbox[2],
        maxY: hub.bbox[3],
        hub,
      })),
    );
  }

  resolve(point: Position): IndexedHub | undefined {
    const [x, y] = point;
    let best: IndexedHub | undefined;
    for (const { hub } of this.tree.search({ minX: x, minY: y, maxX: x, maxY: y })) {
      if ((!best || overlapOrder(hub, best) < 0) && isPointInRing(point, hub.ring)) best = hub;
    }
    return best;
  }

  /** The closest hub's outline, for telling a customer how far outside they are. */
  nearest(point: Position): { hub: IndexedHub; distanceMetres: number } | undefined {
    let best: { hub: IndexedHub; distanceMetres: number } | undefined;
    for (const hub of this.hubs) {
      const distanceMetres = distanceToRingMetres(point, hub.ring);
      if (!best || distanceMetres < best.distanceMetres) best = { hub, distanceMetres };
    }
    return best;
  }
}

export interface Resolution {
  hubId: string | null;
  hubName: string | null;
  /** Why not serviceable, for the customer; null when a hub serves the pin. */
  notServiceableReason: string | null;
}

/** Where a pin (latitude, longitude) falls in the hub map as it is during one transaction. */
export type PinLookup = (lat: number, lng: number) => Resolution;

/** A pin's hub, or a clear reason why none serves it, naming the nearest hub and its distance. */
export function resolvePin(index: HubIndex, point: Position): Resolution {
  const hub = index.resolve(point);
  if (hub) return { hubId: hub.id, hubName: hub.name, notServiceableReason: null };
  const nearest = index.nearest(point);
  const reason = nearest
    ? `Not serviceable yet: this pin is outside every Zefy service area; the nearest, ${nearest.hub.name}, is about ${(nearest.distanceMetres / 1000).toFixed(1)} km away.`
    : 'Not serviceable yet: Zefy does not serve any area at the moment.';
  return { hubId: null, hubName: null, notServiceableReason: reason };
}

import { HubIndex, type IndexedHub, resolveByScan } from '@zefy/locations';
import { boundingBox, type Position, ringAreaSquareMetres } from '@zefy/rules';
import type { BenchOutcome } from './run.ts';
import { summarize } from './stats.ts';

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same city. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 100 hubs of 24 vertices each, irregular star-convex outlines over a Bengaluru-sized area, some overlapping. */
function city(hubCount: number, vertices: number): IndexedHub[] {
  const next = random(42);
  return Array.from({ length: hubCount }, (_, i) => {
    const centre: Position = [77.45 + next() * 0.35, 12.8 + next() * 0.3];
    const ring: Position[] = Array.from({ length: vertices }, (_, v) => {
      const angle = (2 * Math.PI * v) / vertices;
      const radius = 0.012 + next() * 0.012;
      return [centre[0] + radius * Math.cos(angle), centre[1] + radius * Math.sin(angle)];
    });
    ring.push(ring[0]!);
    return {
      id: `hub-${i}`,
      name: `Hub ${i}`,
      ring,
      bbox: boundingBox(ring),
      areaSquareMetres: ringAreaSquareMetres(ring),
      createdAt: i,
    };
  });
}

const batch = 100;

/** Resolutions over and over for 1.5 s, timed per batch of 100 points (each point's latency its share). */
function measure(points: readonly Position[], resolve: (point: Position) => unknown) {
  for (const point of points.slice(0, 2000)) resolve(point);
  const latencies: number[] = [];
  const started = performance.now();
  let index = 0;
  do {
    const sent = performance.now();
    for (let i = 0; i < batch; i++) resolve(points[(index + i) % points.length] as Position);
    index += batch;
    const perPoint = (performance.now() - sent) / batch;
    for (let i = 0; i < batch; i++) latencies.push(perPoint);
  } while (performance.now() - started < 1500);
  return summarize(latencies, performance.now() - started);
}

/**
 * Address → hub resolution with 100 hubs, in process (pure computation, no load generator): the R-tree
 * prefilter + exact point-in-polygon test, against a scan of every polygon.
 */
export async function run(): Promise<BenchOutcome> {
  const hubs = city(100, 24);
  const index = new HubIndex(hubs);
  const next = random(7);
  const points: Position[] = Array.from({ length: 20_000 }, () => [
    77.43 + next() * 0.39,
    12.78 + next() * 0.34,
  ]);
  const served = points.filter((point) => index.resolve(point)).length;
  const mismatches = points.filter(
    (point) => index.resolve(point)?.id !== resolveByScan(hubs, point)?.id,
  ).length;
  if (mismatches > 0) throw new Error(`index and scan disagree on ${mismatches} points`);
  return {
    scenarios: [
      {
        label: 'resolve a pin to its hub (R-tree index + PIP)',
        platform: measure(points, (point) => index.resolve(point)),
        baseline: {
          label: 'scan of every polygon',
          ...measure(points, (point) => resolveByScan(hubs, point)),
        },
      },
    ],
    settings: {
      hubs: 100,
      vertices: 24,
      pins: points.length,
      insideAHubPercent: Math.round((100 * served) / points.length),
    },
  };
}

import CheapRuler from 'cheap-ruler';

export interface LatLng {
  lat: number;
  lng: number;
}

/** The stand-in's roads: straight-line distance × `roadFactor`, ridden at `speedKmh`, slower in traffic. */
export interface RoadModel {
  roadFactor: number;
  speedKmh: number;
  /** Traffic-aware durations are the static duration × this. */
  trafficFactor: number;
}

export const defaultRoadModel: RoadModel = { roadFactor: 1.3, speedKmh: 24, trafficFactor: 1.25 };

export interface ModelRoute {
  distanceMeters: number;
  /** Without traffic (Routes' `staticDuration`, Distance Matrix's `duration`). */
  staticSeconds: number;
  /** With traffic (Routes' `duration` when traffic-aware, Distance Matrix's `duration_in_traffic`). */
  trafficSeconds: number;
}

/** The route the stand-in answers for a pair: deterministic, so tests can assert exact values. */
export function modelRoute(model: RoadModel, origin: LatLng, destination: LatLng): ModelRoute {
  const straight = new CheapRuler((origin.lat + destination.lat) / 2, 'meters').distance(
    [origin.lng, origin.lat],
    [destination.lng, destination.lat],
  );
  const distanceMeters = Math.round(straight * model.roadFactor);
  const staticSeconds = Math.round(distanceMeters / (model.speedKmh / 3.6));
  return { distanceMeters, staticSeconds, trafficSeconds: Math.round(staticSeconds * model.trafficFactor) };
}

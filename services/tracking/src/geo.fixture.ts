import type { LatLng } from './geo.ts';

/** A street corner in Bengaluru, and about how many metres a degree of latitude is there. */
export const origin: LatLng = { lat: 12.9716, lng: 77.5946 };
const metersPerDegree = 110_640;

/** The point `north` and `east` metres from the origin (negative: south, west). */
export const offset = (north: number, east = 0): LatLng => ({
  lat: origin.lat + north / metersPerDegree,
  lng: origin.lng + east / (metersPerDegree * Math.cos((origin.lat * Math.PI) / 180)),
});

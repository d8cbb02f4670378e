import CheapRuler from 'cheap-ruler';

export interface LatLng {
  lat: number;
  lng: number;
}

/**
 * Distance in metres on the WGS84 ellipsoid, by cheap-ruler's local approximation around the two points'
 * mean latitude: within 0.1% of the geodesic under 500 km (closer than haversine's sphere), and cheap enough
 * for every position fix. Farther apart it is still far, which is all a speed check needs.
 */
export function distanceMeters(a: LatLng, b: LatLng): number {
  return new CheapRuler((a.lat + b.lat) / 2, 'meters').distance([a.lng, a.lat], [b.lng, b.lat]);
}

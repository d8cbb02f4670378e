/** Why the device gave no position: the browser's three reasons, and a browser without geolocation. */
export type LocationProblem = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

export class LocationError extends Error {
  override readonly name = 'LocationError';
  readonly problem: LocationProblem;

  constructor(problem: LocationProblem) {
    super(`location ${problem}`);
    this.problem = problem;
  }
}

/** GeolocationPositionError's codes (1, 2, 3), by name. */
const problems: Record<number, LocationProblem> = { 1: 'denied', 2: 'unavailable', 3: 'timeout' };

/** The problem a GeolocationPositionError's code stands for. */
export const locationProblemOf = (code: number): LocationProblem => problems[code] ?? 'unavailable';

/** The device's position now; a LocationError says why there is none. */
export function currentPosition(): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new LocationError('unsupported'));
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      (error) => reject(new LocationError(locationProblemOf(error.code))),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 15_000 },
    );
  });
}

/** What a partner can do about it, in plain words. */
export function describeLocationProblem(problem: LocationProblem): { title: string; detail: string } {
  switch (problem) {
    case 'denied':
      return {
        title: 'Zefy cannot see your location',
        detail:
          'Jobs go to partners near the customer, so Zefy needs your location while you are on duty. Allow location for Zefy Partner in your browser’s site settings (the icon beside the address), then try again.',
      };
    case 'unavailable':
      return {
        title: 'Your phone could not find where you are',
        detail: 'Turn on location (GPS) in your phone’s settings, then try again.',
      };
    case 'timeout':
      return {
        title: 'Finding your location took too long',
        detail: 'Check that location is on and try again; it is quicker outdoors or near a window.',
      };
    case 'unsupported':
      return {
        title: 'This browser cannot share your location',
        detail: 'Open Zefy Partner in Chrome or Safari on your phone to go on duty.',
      };
  }
}

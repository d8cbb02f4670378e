import { useState } from 'react';
import type { Pin } from './pin-map.tsx';

export type LocateState = { status: 'idle' } | { status: 'locating' } | { status: 'failed'; message: string };

/** Why the device gave no position (`GeolocationPositionError.code`, or null without the API), in plain words. */
export function describeLocationFailure(code: number | null): string {
  switch (code) {
    case 1:
      return 'Zefy may not see your location. Allow location for this site in your browser’s settings, or tap the map where your door is.';
    case 2:
      return 'Your device could not tell where you are. Tap the map where your door is.';
    case 3:
      return 'Finding your location took too long. Try again, or tap the map where your door is.';
    default:
      return 'This browser cannot share your location. Tap the map where your door is.';
  }
}

/** "Use my location": asks the device once (`navigator.geolocation`) and hands the position over as a pin. */
export function useMyLocation(onFound: (pin: Pin) => void) {
  const [state, setState] = useState<LocateState>({ status: 'idle' });
  function locate() {
    if (!('geolocation' in navigator)) {
      setState({ status: 'failed', message: describeLocationFailure(null) });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setState({ status: 'idle' });
        onFound({
          lat: Number(position.coords.latitude.toFixed(6)),
          lng: Number(position.coords.longitude.toFixed(6)),
        });
      },
      (error) => setState({ status: 'failed', message: describeLocationFailure(error.code) }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }
  return { state, locate };
}

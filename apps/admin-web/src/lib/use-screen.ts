import { useEffect, useState } from 'react';

export type Screen = 'services' | 'hubs' | 'bookings';

const fromHash = (): Screen => {
  if (window.location.hash === '#/hubs') return 'hubs';
  if (window.location.hash.startsWith('#/bookings')) return 'bookings';
  return 'services';
};

/** The console's screens by URL hash (#/hubs), so a reload or a shared link opens the same screen. */
export function useScreen(): Screen {
  const [screen, setScreen] = useState(fromHash);
  useEffect(() => {
    const onChange = () => setScreen(fromHash());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return screen;
}

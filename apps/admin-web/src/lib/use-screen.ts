import { useEffect, useState } from 'react';

export type Screen = 'services' | 'hubs';

const fromHash = (): Screen => (window.location.hash === '#/hubs' ? 'hubs' : 'services');

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

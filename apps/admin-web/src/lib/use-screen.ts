import { useEffect, useState } from 'react';

export const screens = { services: 'Services', partners: 'Partners', hubs: 'Hubs' } as const;
export type Screen = keyof typeof screens;

const fromHash = (): Screen => {
  const name = window.location.hash.replace('#/', '');
  return name in screens ? (name as Screen) : 'services';
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

export const openScreen = (screen: Screen): void => {
  window.location.hash = `#/${screen}`;
};

import { createContext, type ReactNode, useContext } from 'react';
import { OfflineBanner } from '../pwa/offline-banner.tsx';
import { ToastProvider } from './toast.tsx';

export interface AppShellProps {
  appName: string;
  /** Customer and partner apps are phone-first (narrow); the admin console uses the full width. */
  layout?: 'narrow' | 'wide';
  /** The app's sections (NavBar): in the header when wide, as a tab bar at the bottom when narrow. */
  nav?: ReactNode;
  /** Right side of the header: e.g. the notifications bell, the signed-in account, a log-out button. */
  actions?: ReactNode;
  children: ReactNode;
}

const AppNameContext = createContext('Zefy');

/** The app's name, for the document title of each screen. */
export const useAppName = () => useContext(AppNameContext);

/** The frame of every screen: header, offline banner, main column, toasts. */
export function AppShell({ appName, layout = 'narrow', nav, actions, children }: AppShellProps) {
  const hasBottomNav = nav !== undefined && layout === 'narrow';
  return (
    <AppNameContext.Provider value={appName}>
      <ToastProvider>
        <div className={`zf-page zf-page--${layout}${hasBottomNav ? ' zf-page--bottom-nav' : ''}`}>
          <a className="zf-visually-hidden" href="#main">
            Skip to content
          </a>
          <header className="zf-header">
            <div className="zf-container zf-header__inner">
              <span className="zf-brand" data-testid="app-name">
                {appName}
              </span>
              {nav !== undefined && layout === 'wide' ? nav : null}
              {actions ? <div className="zf-header__actions">{actions}</div> : null}
            </div>
          </header>
          <OfflineBanner />
          <main className="zf-container zf-main" id="main">
            {children}
          </main>
          {hasBottomNav ? nav : null}
        </div>
      </ToastProvider>
    </AppNameContext.Provider>
  );
}

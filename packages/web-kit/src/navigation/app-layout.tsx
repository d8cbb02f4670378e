import { Outlet, ScrollRestoration } from 'react-router';
import { AppShell, type AppShellProps } from '../ui/app-shell.tsx';

export type AppLayoutProps = Omit<AppShellProps, 'children'>;

/**
 * The layout route of an app: the frame around the current screen, and scroll restoration (back to a list
 * returns to where it was scrolled; a new screen starts at the top).
 */
export function AppLayout(props: AppLayoutProps) {
  return (
    <AppShell {...props}>
      <ScrollRestoration />
      <Outlet />
    </AppShell>
  );
}

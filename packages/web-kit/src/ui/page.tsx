import type { ReactNode } from 'react';
import { AppShell, type AppShellProps } from './app-shell.tsx';
import { Screen } from './screen.tsx';

export interface PageProps extends Omit<AppShellProps, 'nav' | 'children'> {
  title: string;
  children: ReactNode;
}

/** One screen in the app frame, for an app without routes (AppLayout and Screen where there are). */
export function Page({ title, children, ...shell }: PageProps) {
  return (
    <AppShell {...shell}>
      <Screen title={title}>{children}</Screen>
    </AppShell>
  );
}

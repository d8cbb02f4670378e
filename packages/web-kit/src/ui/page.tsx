import type { ReactNode } from 'react';

export interface PageProps {
  appName: string;
  title: string;
  /** Customer and partner apps are phone-first (narrow); the admin console uses the full width. */
  layout?: 'narrow' | 'wide';
  /** Right side of the header: e.g. the notifications bell, the signed-in account, a log-out button. */
  actions?: ReactNode;
  children: ReactNode;
}

export function Page({ appName, title, layout = 'narrow', actions, children }: PageProps) {
  return (
    <div className={`zf-page zf-page--${layout}`}>
      <header className="zf-header">
        <div className="zf-container zf-header__inner">
          <span className="zf-brand" data-testid="app-name">
            {appName}
          </span>
          {actions ? <div className="zf-header__actions">{actions}</div> : null}
        </div>
      </header>
      <main className="zf-container zf-main">
        <h1 className="zf-title">{title}</h1>
        {children}
      </main>
    </div>
  );
}

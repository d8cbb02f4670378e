import type { ReactNode } from 'react';

export type Tone = 'info' | 'success' | 'warning' | 'danger';

export interface BannerProps {
  tone?: Tone;
  title: ReactNode;
  children?: ReactNode;
  /** A button beside the message ("Try again"). */
  action?: ReactNode;
  'data-testid'?: string;
}

/** A message in the flow of the page; danger and warning ones are announced at once (role alert). */
export function Banner({ tone = 'info', title, children, action, 'data-testid': testId }: BannerProps) {
  const isUrgent = tone === 'danger' || tone === 'warning';
  return (
    <div className="zf-banner" data-tone={tone} role={isUrgent ? 'alert' : 'status'} data-testid={testId}>
      <div className="zf-banner__text">
        <strong className="zf-banner__title">{title}</strong>
        {children ? <div>{children}</div> : null}
      </div>
      {action}
    </div>
  );
}

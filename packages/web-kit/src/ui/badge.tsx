import type { BookingStatus } from '@zefy/contracts';
import type { ReactNode } from 'react';
import type { Tone } from './banner.tsx';

export interface BadgeProps {
  tone?: Tone | 'neutral';
  children: ReactNode;
  'data-testid'?: string;
}

export function Badge({ tone = 'info', children, 'data-testid': testId }: BadgeProps) {
  return (
    <span className="zf-badge" data-tone={tone} data-testid={testId}>
      {children}
    </span>
  );
}

export interface StatusBadgeProps {
  status: BookingStatus;
  /** Each app words a status for its own people ("Searching partner", "Finding your professional"). */
  children: ReactNode;
  'data-testid'?: string;
}

/** A booking's status in its own colour (one per status, in both themes: tokens.css). */
export function StatusBadge({ status, children, 'data-testid': testId }: StatusBadgeProps) {
  return (
    <span className="zf-badge" data-status={status} data-testid={testId}>
      {children}
    </span>
  );
}

import type { ReactNode } from 'react';

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p className="zf-empty" data-testid="empty-state">
      {children}
    </p>
  );
}

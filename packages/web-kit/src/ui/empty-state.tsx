import type { ReactNode } from 'react';

export interface EmptyStateProps {
  /** What is missing ("No partners yet"). */
  children: ReactNode;
  /** What to do about it, e.g. a link to create one. */
  action?: ReactNode;
}

export function EmptyState({ children, action }: EmptyStateProps) {
  return (
    <div className="zf-empty">
      <p className="zf-empty__title" data-testid="empty-state">
        {children}
      </p>
      {action}
    </div>
  );
}

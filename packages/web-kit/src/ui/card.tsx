import type { ReactNode } from 'react';

export interface CardProps {
  title?: ReactNode;
  children: ReactNode;
  'data-testid'?: string;
}

export function Card({ title, children, 'data-testid': testId }: CardProps) {
  return (
    <section className="zf-card" data-testid={testId}>
      {title ? <h2 className="zf-card__title">{title}</h2> : null}
      {children}
    </section>
  );
}

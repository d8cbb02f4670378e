import type { ReactNode } from 'react';

export interface StatProps {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  'data-testid'?: string;
}

/** One figure on a dashboard card. */
export function Stat({ label, value, hint, 'data-testid': testId }: StatProps) {
  return (
    <div className="zf-stat" data-testid={testId}>
      <span className="zf-stat__label">{label}</span>
      <span className="zf-stat__value">{value}</span>
      {hint ? <span className="zf-stat__hint">{hint}</span> : null}
    </div>
  );
}

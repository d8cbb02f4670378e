export interface SpinnerProps {
  label?: string;
}

export function Spinner({ label = 'Loading' }: SpinnerProps) {
  return (
    <div className="zf-spinner" role="status" data-testid="spinner">
      <span className="zf-spinner__wheel" aria-hidden="true" />
      <span className="zf-spinner__label">{label}</span>
    </div>
  );
}

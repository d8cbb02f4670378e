import type { ApiError } from '../api/api-error.ts';
import { Button } from './button.tsx';

export interface ErrorBannerProps {
  error: ApiError;
  onRetry?: () => void;
}

export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  return (
    <div className="zf-error" role="alert" data-testid="error-banner">
      <div className="zf-error__text">
        <strong className="zf-error__title">{error.title}</strong>
        {error.detail ? <p className="zf-error__detail">{error.detail}</p> : null}
      </div>
      {onRetry ? (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}

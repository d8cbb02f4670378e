import type { ApiError } from '../api/api-error.ts';
import { describeError } from '../forms/form-errors.ts';
import { Banner } from './banner.tsx';
import { Button } from './button.tsx';

export interface ErrorBannerProps {
  error: ApiError;
  onRetry?: () => void;
}

/** What went wrong loading something, in words for people (no request paths), with a retry. */
export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  const { title, detail } = describeError(error);
  return (
    <Banner
      tone="danger"
      title={title}
      data-testid="error-banner"
      action={
        onRetry ? (
          <Button variant="secondary" onClick={onRetry}>
            Try again
          </Button>
        ) : undefined
      }
    >
      {detail}
    </Banner>
  );
}

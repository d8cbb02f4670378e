import { Banner } from './banner.tsx';

/** The form-level message of `useApiForm` (nothing when there is none). */
export function FormMessage({ message }: { message: string | null }) {
  return message ? <Banner tone="danger" title={message} data-testid="error-banner" /> : null;
}

import { useOnline } from './use-online.ts';

/** A strip under the header while the device is offline; AppShell shows it in every app. */
export function OfflineBanner() {
  const isOnline = useOnline();
  if (isOnline) return null;
  return (
    <div className="zf-offline" role="status" data-testid="offline-banner">
      You are offline. What you see may be out of date; changes need a connection.
    </div>
  );
}

import type { PresenceView } from '@zefy/contracts';
import { type ApiError, Button, Card, ErrorBanner, toApiError, useQuery } from '@zefy/web-kit';
import { useEffect, useRef, useState } from 'react';
import { getPresence, putPresence } from '../api/presence.ts';

function currentPosition(): Promise<{ lat: number; lng: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('This device cannot share its location'));
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      (error) => reject(new Error(`Location unavailable: ${error.message}`)),
      { enableHighAccuracy: true, timeout: 10_000, maximumAge: 15_000 },
    );
  });
}

/**
 * Online means customers nearby can be promised you now. While online the app repeats its position well
 * within the freshness window, so a closed app drops offline by itself.
 */
export function PresenceToggle() {
  const initial = useQuery('partner/presence', getPresence);
  const [presence, setPresence] = useState<PresenceView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);
  const current = presence ?? (initial.status === 'success' ? initial.data : null);
  const isOnline = current?.online ?? false;
  const heartbeatMs = ((current?.freshForSeconds ?? 60) * 1000) / 3;

  async function send(online: boolean) {
    setBusy(true);
    setError(null);
    try {
      setPresence(await putPresence(online ? { online, ...(await currentPosition()) } : { online }));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });
  useEffect(() => {
    if (!isOnline) return;
    const timer = setInterval(() => void sendRef.current(true), heartbeatMs);
    return () => clearInterval(timer);
  }, [isOnline, heartbeatMs]);

  if (initial.status === 'error' && initial.error.code === 'BOOKING.PARTNER_NOT_ACTIVE')
    return <p className="zf-notice">{initial.error.detail}</p>;
  return (
    <Card title="Availability" data-testid="presence">
      <div className="zf-toolbar" style={{ padding: '8px 16px 16px' }}>
        <span data-testid="presence-state">{isOnline ? 'You are online' : 'You are offline'}</span>
        {current && isOnline && !current.isInHub ? (
          <span className="zf-notice">You are outside your hub</span>
        ) : null}
        <Button disabled={isBusy || initial.status === 'loading'} onClick={() => void send(!isOnline)}>
          {isOnline ? 'Go offline' : 'Go online'}
        </Button>
      </div>
      {error ? <ErrorBanner error={error} /> : null}
    </Card>
  );
}

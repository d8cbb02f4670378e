import {
  type ApiError,
  Button,
  Card,
  ErrorBanner,
  PhoneLogin,
  Spinner,
  type StoredSession,
  TextField,
  toApiError,
} from '@zefy/web-kit';
import { type FormEvent, useState } from 'react';
import { authApi } from '../../../lib/api-client.ts';
import { updateMe, useMe } from '../api/me.ts';

/** Log in by phone; once in, the customer's name and email (the first login signs them up). */
export function AccountCard({ session }: { session: StoredSession | null }) {
  if (!session)
    return (
      <Card title="Log in or sign up">
        <PhoneLogin authApi={authApi} audience="customer" />
      </Card>
    );
  return <Profile sessionId={session.sessionId} />;
}

function Profile({ sessionId }: { sessionId: string }) {
  const me = useMe(sessionId);
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  if (me.status === 'loading') return <Spinner label="Loading your account" />;
  if (me.status === 'error') return <ErrorBanner error={me.error} onRetry={me.reload} />;

  async function save(event: FormEvent) {
    event.preventDefault();
    setIsSaving(true);
    setError(null);
    try {
      await updateMe({ name: (name ?? '').trim() || null });
      me.reload();
      setName(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setIsSaving(false);
    }
  }

  return (
    <Card title="Your account">
      <form className="zf-form" onSubmit={save} data-testid="account">
        <p>
          Signed in as <strong data-testid="account-phone">{me.data.phone}</strong>
          {me.data.name ? (
            <>
              {' '}
              (<span data-testid="account-name">{me.data.name}</span>)
            </>
          ) : null}
        </p>
        <TextField
          label="Your name"
          value={name ?? me.data.name ?? ''}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
        />
        {error ? <ErrorBanner error={error} /> : null}
        <Button type="submit" variant="secondary" disabled={isSaving || name === null}>
          Save
        </Button>
      </form>
    </Card>
  );
}

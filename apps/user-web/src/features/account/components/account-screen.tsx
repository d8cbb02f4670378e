import type { Customer } from '@zefy/contracts';
import {
  Button,
  ButtonLink,
  Card,
  ErrorBanner,
  FormMessage,
  formatIndianMobile,
  Screen,
  Spinner,
  TextField,
  useApiForm,
  useSession,
  useToast,
} from '@zefy/web-kit';
import { useState } from 'react';
import { auth, authApi } from '../../../lib/api-client.ts';
import { updateMe, useMe } from '../api/me.ts';

/** `/account`: who is signed in, their name, their addresses, and logging out. */
export function AccountScreen() {
  const session = useSession(auth);
  const me = useMe(session?.sessionId ?? '');
  return (
    <Screen title="Your account">
      {me.status === 'loading' ? <Spinner label="Loading your account" /> : null}
      {me.status === 'error' ? <ErrorBanner error={me.error} onRetry={me.reload} /> : null}
      {me.status === 'success' ? <Profile me={me.data} onSaved={me.reload} /> : null}
      <Card title="Saved addresses">
        <div className="zf-card__body zf-toolbar">
          <span className="zf-muted">Where our professionals come to you</span>
          <ButtonLink variant="secondary" to="/addresses">
            Manage addresses
          </ButtonLink>
        </div>
      </Card>
      <Button variant="secondary" onClick={() => void authApi.logout()}>
        Log out
      </Button>
    </Screen>
  );
}

function Profile({ me, onSaved }: { me: Customer; onSaved: () => void }) {
  const [name, setName] = useState(me.name ?? '');
  const form = useApiForm({ fields: ['name'] });
  const toast = useToast();
  const isChanged = name.trim() !== (me.name ?? '');

  async function save() {
    await updateMe({ name: name.trim() || null });
    toast.show('Saved');
    onSaved();
  }

  return (
    <Card title="Profile">
      <form className="zf-form" onSubmit={form.onSubmit(save)} data-testid="account" noValidate>
        <p>
          Signed in as <strong data-testid="account-phone">{formatIndianMobile(me.phone)}</strong>
          {me.name ? (
            <>
              {' '}
              (<span data-testid="account-name">{me.name}</span>)
            </>
          ) : null}
        </p>
        <TextField
          label="Your name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={80}
          hint="So your professional knows whom to ask for"
          {...form.field('name')}
        />
        <FormMessage message={form.errors.form} />
        <div className="zf-toolbar zf-toolbar--start">
          <Button type="submit" variant="secondary" disabled={form.isBusy || !isChanged}>
            {form.isBusy ? 'Saving…' : 'Save'}
          </Button>
        </div>
      </form>
    </Card>
  );
}

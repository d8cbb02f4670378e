import { type FormEvent, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error.ts';
import { Button } from '../ui/button.tsx';
import { ErrorBanner } from '../ui/error-banner.tsx';
import { TextField } from '../ui/text-field.tsx';
import type { AuthApi } from './auth-api.ts';

/** Staff login by email and password. */
export function PasswordLogin({ authApi }: { authApi: AuthApi }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await authApi.loginWithPassword(email, password);
    } catch (caught) {
      setError(toApiError(caught));
      setPassword('');
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <form className="zf-form" onSubmit={submit} data-testid="password-login">
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      {error ? <ErrorBanner error={error} /> : null}
      <Button type="submit" disabled={isBusy}>
        Log in
      </Button>
    </form>
  );
}

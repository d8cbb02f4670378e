import { useState } from 'react';
import { useApiForm } from '../forms/use-api-form.ts';
import { Button } from '../ui/button.tsx';
import { FormMessage } from '../ui/form-message.tsx';
import { TextField } from '../ui/text-field.tsx';
import type { AuthApi } from './auth-api.ts';

/** Staff login by email and password. */
export function PasswordLogin({ authApi }: { authApi: AuthApi }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useApiForm({ fields: ['email', 'password'] });

  const logIn = async () => {
    try {
      await authApi.loginWithPassword(email, password);
    } catch (error) {
      setPassword('');
      throw error;
    }
  };

  return (
    <form className="zf-form" onSubmit={form.onSubmit(logIn)} data-testid="password-login" noValidate>
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        required
        {...form.field('email')}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        {...form.field('password')}
      />
      <FormMessage message={form.errors.form} />
      <Button type="submit" disabled={form.isBusy}>
        Log in
      </Button>
    </form>
  );
}

import type { DevSms, LoginAudience, OtpChallenge } from '@zefy/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { type ApiError, toApiError } from '../api/api-error.ts';
import { Button } from '../ui/button.tsx';
import { ErrorBanner } from '../ui/error-banner.tsx';
import { TextField } from '../ui/text-field.tsx';
import type { AuthApi } from './auth-api.ts';

export interface PhoneLoginProps {
  authApi: AuthApi;
  audience: LoginAudience;
}

/** Phone number, then the 6-digit code sent by SMS; a development panel shows the code when it can. */
export function PhoneLogin({ authApi, audience }: PhoneLoginProps) {
  const [phone, setPhone] = useState('+91 ');
  const [code, setCode] = useState('');
  const [challenge, setChallenge] = useState<OtpChallenge | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function run(action: () => Promise<void>) {
    setIsBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setIsBusy(false);
    }
  }

  const sendCode = (event?: FormEvent) => {
    event?.preventDefault();
    return run(async () => {
      setChallenge(await authApi.requestCode(phone, audience));
      setCode('');
    });
  };
  const verify = (event: FormEvent) => {
    event.preventDefault();
    if (!challenge) return;
    return run(() =>
      authApi.verifyCode({ phone: challenge.phone, audience, challengeId: challenge.challengeId, code }),
    );
  };

  if (!challenge)
    return (
      <form className="zf-form" onSubmit={sendCode} data-testid="phone-login">
        <TextField
          label="Mobile number"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          hint="We text you a 6-digit code"
          required
        />
        {error ? <ErrorBanner error={error} /> : null}
        <Button type="submit" disabled={isBusy}>
          Send code
        </Button>
      </form>
    );

  return (
    <form className="zf-form" onSubmit={verify} data-testid="code-login">
      <p className="zf-muted">Code sent to {challenge.phone}</p>
      <TextField
        label="6-digit code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
        required
      />
      {error ? <ErrorBanner error={error} /> : null}
      <div className="zf-toolbar">
        <Button type="submit" disabled={isBusy || code.length !== challenge.codeLength}>
          Log in
        </Button>
        <Button variant="secondary" onClick={() => void sendCode()} disabled={isBusy}>
          Send a new code
        </Button>
      </div>
      {/* keyed by the challenge: a new code means another look at the inbox */}
      <DevSmsPanel key={challenge.challengeId} authApi={authApi} phone={challenge.phone} />
    </form>
  );
}

/** Development only: the last code the SMS sink sent to the phone; renders nothing when there is no inbox. */
function DevSmsPanel({ authApi, phone }: { authApi: AuthApi; phone: string }) {
  const [sms, setSms] = useState<DevSms | null>(null);
  useEffect(() => {
    let isCurrent = true;
    setSms(null);
    authApi.lastDevSms(phone).then(
      (found) => {
        if (isCurrent) setSms(found);
      },
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [authApi, phone]);
  if (!sms) return null;
  return (
    <aside className="zf-dev-panel" data-testid="dev-sms-panel">
      <strong>Development SMS</strong> to {sms.phone}: code <code data-testid="dev-sms-code">{sms.code}</code>
    </aside>
  );
}

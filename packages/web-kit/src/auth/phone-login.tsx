import type { DevSms, ErrorCode, LoginAudience, OtpChallenge } from '@zefy/contracts';
import { type ReactNode, useEffect, useState } from 'react';
import { toApiError } from '../api/api-error.ts';
import { formatIndianMobile, toIndianMobile } from '../format/phone.ts';
import { useApiForm } from '../forms/use-api-form.ts';
import { formatCountdown } from '../time/countdown.ts';
import { useSecondsLeft } from '../time/use-seconds-left.ts';
import { Button, type ButtonProps } from '../ui/button.tsx';
import { FormMessage } from '../ui/form-message.tsx';
import { TextField } from '../ui/text-field.tsx';
import type { AuthApi } from './auth-api.ts';

export interface PhoneLoginProps {
  authApi: AuthApi;
  audience: LoginAudience;
  /**
   * What to show in place of the form's message when a code request is refused with one of these codes:
   * the partner app says how to join for `IDENTITY.PARTNER_NOT_REGISTERED`.
   */
  refusals?: Partial<Record<ErrorCode, ReactNode>>;
}

/** A code on its way: the challenge to answer, and when another code may be asked for (ms since the epoch). */
interface SentCode {
  challenge: OtpChallenge;
  resendAt: number;
}

/**
 * Mobile number (10 digits, or with +91 or another country code), then the 6-digit code sent by SMS; the
 * number can be changed from the code step, and a new code is offered once the server's cooldown is over.
 * A development panel shows the code when it can.
 */
export function PhoneLogin({ authApi, audience, refusals }: PhoneLoginProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<SentCode | null>(null);
  const [refusal, setRefusal] = useState<ReactNode>(null);
  const form = useApiForm({ fields: sent ? ['code'] : ['phone'] });

  const sendCode = async () => {
    setRefusal(null);
    let challenge: OtpChallenge;
    try {
      challenge = await authApi.requestCode(toIndianMobile(phone), audience);
    } catch (error) {
      const { code: refusedWith } = toApiError(error);
      setRefusal((refusedWith && refusals?.[refusedWith]) ?? null);
      throw error;
    }
    setSent({ challenge, resendAt: Date.now() + challenge.resendAfterSeconds * 1000 });
    setCode('');
  };
  const verify = async () => {
    if (!sent) return;
    const { challenge } = sent;
    await authApi.verifyCode({ phone: challenge.phone, audience, challengeId: challenge.challengeId, code });
  };

  if (!sent)
    return (
      <form className="zf-form" onSubmit={form.onSubmit(sendCode)} data-testid="phone-login" noValidate>
        <TextField
          label="Mobile number"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          placeholder="98765 43210"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          hint="10 digits; we text you a 6-digit code"
          required
          {...form.field('phone')}
        />
        {refusal ?? <FormMessage message={form.errors.form} />}
        <Button type="submit" disabled={form.isBusy || phone.trim() === ''}>
          Send code
        </Button>
      </form>
    );

  return (
    <form className="zf-form" onSubmit={form.onSubmit(verify)} data-testid="code-login" noValidate>
      <div className="zf-toolbar zf-toolbar--start">
        <span className="zf-muted" data-testid="code-sent-to">
          Code sent to {formatIndianMobile(sent.challenge.phone)}
        </span>
        <Button variant="secondary" size="small" onClick={() => setSent(null)} disabled={form.isBusy}>
          Change number
        </Button>
      </div>
      <TextField
        label="6-digit code"
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9]{6}"
        maxLength={6}
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
        required
        {...form.field('code')}
      />
      <FormMessage message={form.errors.form} />
      <div className="zf-toolbar">
        <Button type="submit" disabled={form.isBusy || code.length !== sent.challenge.codeLength}>
          Log in
        </Button>
        <ResendButton resendAt={sent.resendAt} disabled={form.isBusy} onResend={form.onSubmit(sendCode)} />
      </div>
      {/* keyed by the challenge: a new code means another look at the inbox */}
      <DevSmsPanel key={sent.challenge.challengeId} authApi={authApi} phone={sent.challenge.phone} />
    </form>
  );
}

/** "Send a new code", disabled with the time left while the server would refuse another one. */
function ResendButton({
  resendAt,
  disabled,
  onResend,
}: {
  resendAt: number;
  disabled: boolean;
  onResend: ButtonProps['onClick'];
}) {
  const secondsLeft = useSecondsLeft(resendAt);
  return (
    <Button
      variant="secondary"
      onClick={onResend}
      disabled={disabled || secondsLeft > 0}
      data-testid="resend-code"
    >
      {secondsLeft > 0 ? `Send a new code in ${formatCountdown(secondsLeft)}` : 'Send a new code'}
    </Button>
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

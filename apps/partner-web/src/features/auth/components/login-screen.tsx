import { Banner, Card, PhoneLogin, Screen } from '@zefy/web-kit';
import { authApi } from '../../../lib/api-client.ts';

/** Where a number that is no partner learns how to become one, instead of waiting for a code. */
const notAPartner = (
  <Banner tone="warning" title="This number is not registered as a Zefy partner" data-testid="not-a-partner">
    <p>
      Check the number: it must be the one you gave Zefy. New to Zefy? Partners join through Zefy’s partner
      team, who check your ID and skills and then register your number. Write to{' '}
      <a href="mailto:partners@zefy.dev">partners@zefy.dev</a> to join.
    </p>
  </Banner>
);

/** Shown at whatever URL a signed-out partner opens; once in, that screen opens. */
export function LoginScreen() {
  return (
    <Screen title="Partner login">
      <p className="zf-subtitle">Log in with the mobile number you registered with Zefy.</p>
      <Card>
        <PhoneLogin
          authApi={authApi}
          audience="partner"
          refusals={{ 'IDENTITY.PARTNER_NOT_REGISTERED': notAPartner }}
        />
      </Card>
    </Screen>
  );
}

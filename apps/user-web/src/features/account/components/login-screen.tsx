import { Card, PhoneLogin, Screen } from '@zefy/web-kit';
import { authApi } from '../../../lib/api-client.ts';

/** Shown at any screen's URL that needs a login; the first login signs the customer up. */
export function LoginScreen() {
  return (
    <Screen title="Log in or sign up">
      <p className="zf-subtitle">Your mobile number is all it takes. New here? The code signs you up.</p>
      <Card>
        <PhoneLogin authApi={authApi} audience="customer" />
      </Card>
    </Screen>
  );
}

import { Screen } from '@zefy/web-kit';
import { OffersList } from '../../offers/components/offers-list.tsx';
import { DutySwitch } from '../../presence/components/duty-switch.tsx';
import { TodayHours } from '../../schedule/components/today-hours.tsx';

/** `/`: where the partner goes on duty and where job offers arrive. */
export function HomeScreen() {
  return (
    <Screen title="Home">
      <DutySwitch />
      <OffersList />
      <TodayHours />
    </Screen>
  );
}

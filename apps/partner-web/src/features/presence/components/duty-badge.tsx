import { Badge } from '@zefy/web-kit';
import { useDuty } from './duty-provider.tsx';

/** On every screen's header: whether offers can reach the partner now. */
export function DutyBadge() {
  const { isOnDuty, status } = useDuty();
  if (status !== 'ready') return null;
  return (
    <Badge tone={isOnDuty ? 'success' : 'neutral'} data-testid="duty-badge">
      {isOnDuty ? 'On duty' : 'Off duty'}
    </Badge>
  );
}

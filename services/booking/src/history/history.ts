import { BookingStatus } from '@zefy/contracts';
import { assertNever } from '@zefy/platform/domain';

export type HistoryScope = 'upcoming' | 'past' | 'cancelled';

/**
 * Where a booking shows in its customer's history: paid and not done yet, done, or called off. Unpaid holds
 * show nowhere (the app's checkout owns them). Exhaustive, so a new state has to choose.
 */
export function historyScopeOf(status: BookingStatus): HistoryScope | null {
  switch (status) {
    case 'confirmed':
    case 'assigned':
    case 'en_route':
    case 'arrived':
    case 'in_progress':
    case 'awaiting_extra_payment':
      return 'upcoming';
    case 'completed':
      return 'past';
    case 'cancelled':
    case 'rejected':
    case 'refunded':
      return 'cancelled';
    case 'held':
    case 'awaiting_payment':
    case 'payment_failed':
    case 'expired':
      return null;
    default:
      return assertNever(status);
  }
}

/** Every state, as the contract lists them. */
const allStatuses: readonly BookingStatus[] = BookingStatus.anyOf.map((literal) => literal.const);

export const statusesIn = (scope: HistoryScope): BookingStatus[] =>
  allStatuses.filter((status) => historyScopeOf(status) === scope);

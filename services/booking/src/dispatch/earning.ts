import { applyRateHalfUp } from '@zefy/rules';

/**
 * What the partner earns for a job: the pre-tax price less the platform's commission. The commission is
 * `commissionBasisPoints` of the pre-tax price rounded half-up to the paisa (the rule tax follows), so
 * earning + commission is exactly the pre-tax price.
 */
export const partnerEarningPaise = (pretaxPaise: number, commissionBasisPoints: number): number =>
  pretaxPaise - applyRateHalfUp(pretaxPaise, commissionBasisPoints);

/**
 * What the partner earns for a completed job: the earning they were offered, plus their share of the
 * extras the customer approved (`approvedExtrasPaise`, before GST: the amounts the customer pays for),
 * the commission on those rounded half-up once on their total, as on the price.
 */
export const jobEarningPaise = (
  offeredEarningPaise: number,
  approvedExtrasPaise: number,
  commissionBasisPoints: number,
): number => offeredEarningPaise + partnerEarningPaise(approvedExtrasPaise, commissionBasisPoints);

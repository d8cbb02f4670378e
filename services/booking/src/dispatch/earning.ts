import { applyRateHalfUp } from '@zefy/rules';

/**
 * What the partner earns for a job: the pre-tax price less the platform's commission. The commission is
 * `commissionBasisPoints` of the pre-tax price rounded half-up to the paisa (the rule tax follows), so
 * earning + commission is exactly the pre-tax price.
 */
export const partnerEarningPaise = (pretaxPaise: number, commissionBasisPoints: number): number =>
  pretaxPaise - applyRateHalfUp(pretaxPaise, commissionBasisPoints);

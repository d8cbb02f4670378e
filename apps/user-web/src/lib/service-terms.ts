import type { CatalogService } from '@zefy/contracts';
import { formatRupees } from '@zefy/web-kit';

/** 75 → "1 h 15 min", 45 → "45 min", 300 → "5 h". */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** 1800 → "18%", 1850 → "18.5%". */
export const formatTaxRate = (basisPoints: number): string => `${basisPoints / 100}%`;

type Terms = Pick<CatalogService, 'includedMinutes' | 'extraCharge' | 'taxRateBasisPoints'>;

/** What a job that runs past the included time costs, in the customer's words (the catalog's pricing rule). */
export function describeExtraCharge({ includedMinutes, extraCharge, taxRateBasisPoints }: Terms): string {
  const included = `The price covers ${formatMinutes(includedMinutes)} of work.`;
  if (extraCharge.blockPricePaise === 0) return `${included} Extra time costs nothing.`;
  const tax = taxRateBasisPoints > 0 ? ` + ${formatTaxRate(taxRateBasisPoints)} GST` : '';
  const block = `every ${formatMinutes(extraCharge.blockMinutes)} started costs ${formatRupees(extraCharge.blockPricePaise)}${tax}`;
  return extraCharge.graceMinutes > 0
    ? `${included} If the job runs longer, the first ${formatMinutes(extraCharge.graceMinutes)} are free; after that, ${block}.`
    : `${included} If the job runs longer, ${block}.`;
}

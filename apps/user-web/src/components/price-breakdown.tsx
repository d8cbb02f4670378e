import type { CatalogService } from '@zefy/contracts';
import { formatRupees } from '@zefy/web-kit';
import { formatTaxRate } from '../lib/service-terms.ts';

type Price = CatalogService['price'];

/** The price line by line, as it is charged: the service, any extra time, GST on both, the total. */
export function PriceBreakdown({ price, serviceLabel }: { price: Price; serviceLabel: string }) {
  return (
    <table className="zf-table uw-price-table" data-testid="price-breakdown">
      <tbody>
        <tr>
          <td>{serviceLabel}</td>
          <td className="zf-num">{formatRupees(price.basePaise)}</td>
        </tr>
        {price.extraPaise > 0 ? (
          <tr>
            <td>Extra time</td>
            <td className="zf-num">{formatRupees(price.extraPaise)}</td>
          </tr>
        ) : null}
        <tr>
          <td>GST ({formatTaxRate(price.taxRateBasisPoints)})</td>
          <td className="zf-num">{formatRupees(price.taxPaise)}</td>
        </tr>
        <tr>
          <th scope="row">Total</th>
          <th className="zf-num" data-testid="price-total">
            {formatRupees(price.totalPaise)}
          </th>
        </tr>
      </tbody>
    </table>
  );
}

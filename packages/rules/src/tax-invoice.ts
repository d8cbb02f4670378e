import { zonedDate } from './zoned-time.ts';

/**
 * A tax invoice's number and service code, by India's GST invoice rules (CGST Rules, rule 46): a number
 * unique for the financial year, consecutive, at most 16 characters of letters, digits, `-` and `/`.
 * Ours is `<SERIES>/<FY>/<SERIAL>`, e.g. `KORA/2627/000123`: a series of up to 4 characters per hub, the
 * financial year as its two two-digit years, a serial of 6 digits or more counted from 1 per hub and year.
 */

/** SAC 998533: "Cleaning services" (residential cleaning); the code of a service nobody mapped. */
export const defaultServiceSac = '998533';

/**
 * The Services Accounting Code of a catalog skill (the GST classification of what was supplied); a skill not
 * listed takes `defaultServiceSac`.
 */
const sacBySkill: Readonly<Record<string, string>> = {
  'deep-cleaner': '998533',
  plumber: '995465', // water plumbing and drain laying services
  electrician: '995461', // electrical installation services
  'ac-technician': '998717', // maintenance and repair of commercial and industrial machinery (HVAC)
  'appliance-technician': '998713', // maintenance and repair of household appliances
  barber: '999721', // hairdressing and barbers' services
  beautician: '999722', // cosmetic treatment, manicuring and pedicuring services
};

export const sacOf = (skill: string | null | undefined): string =>
  (skill ? sacBySkill[skill] : undefined) ?? defaultServiceSac;

/** India's financial year (1 April to 31 March) of an instant, on the hub's calendar: `2026-27`. */
export function financialYearOf(instant: number, timeZone: string): string {
  const [year, month] = zonedDate(instant, timeZone).split('-').map(Number) as [number, number];
  const starts = month >= 4 ? year : year - 1;
  return `${starts}-${String((starts + 1) % 100).padStart(2, '0')}`;
}

export const maxInvoiceNumberLength = 16;

/** `KORA/2627/000123` for series KORA, financial year 2026-27, serial 123. */
export function formatInvoiceNumber(series: string, financialYear: string, serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1)
    throw new RangeError(`invoice serial ${serial} is not 1 or more`);
  const [starts, ends] = financialYear.split('-') as [string, string];
  return `${series}/${starts.slice(2)}${ends}/${String(serial).padStart(6, '0')}`;
}

/**
 * The series a hub's invoices are numbered in, best first: the first four letters or digits of its name,
 * upper case, then the same with its last character a digit, for a hub whose name starts like another's.
 * When all are taken, `spareInvoiceSeries` numbers the rest.
 */
export function invoiceSeriesCandidates(hubName: string): string[] {
  const letters = hubName.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const base = (letters || 'HUB').slice(0, 4).padEnd(3, 'X');
  const stem = base.slice(0, 3);
  return [base, ...Array.from({ length: 9 }, (_, index) => `${stem}${index + 1}`)];
}

/** The n-th spare series (from 0), for hubs whose names' series are all taken: Z000, Z001 … ZZZZ. */
export function spareInvoiceSeries(n: number): string {
  const spares = 36 ** 3;
  if (!Number.isSafeInteger(n) || n < 0 || n >= spares) throw new RangeError(`no spare invoice series ${n}`);
  return `Z${n.toString(36).toUpperCase().padStart(3, '0')}`;
}

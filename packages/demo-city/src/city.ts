import { services } from './catalog.ts';
import { demoId } from './ids.ts';

type Position = [number, number];
const closed = (...positions: Position[]): Position[] => [...positions, positions[0]!];

/**
 * Five Bengaluru neighbourhoods, outlined along their main roads ([lng, lat], GeoJSON order). Koramangala and
 * HSR Layout overlap along Sarjapur Road's junction on purpose: a pin there goes to the smaller hub.
 */
const hubOutlines: Array<{ name: string; ring: Position[] }> = [
  {
    name: 'Indiranagar',
    ring: closed(
      [77.627, 12.985],
      [77.65, 12.984],
      [77.657, 12.97],
      [77.648, 12.958],
      [77.63, 12.96],
      [77.624, 12.972],
    ),
  },
  {
    name: 'Koramangala',
    ring: closed(
      [77.608, 12.945],
      [77.632, 12.948],
      [77.64, 12.935],
      [77.635, 12.92],
      [77.612, 12.919],
      [77.604, 12.932],
    ),
  },
  {
    name: 'HSR Layout',
    ring: closed(
      [77.628, 12.924],
      [77.652, 12.922],
      [77.657, 12.905],
      [77.645, 12.897],
      [77.628, 12.9],
      [77.623, 12.912],
    ),
  },
  {
    name: 'Whitefield',
    ring: closed(
      [77.728, 12.99],
      [77.765, 12.988],
      [77.776, 12.97],
      [77.765, 12.95],
      [77.735, 12.949],
      [77.722, 12.968],
    ),
  },
  {
    name: 'Jayanagar',
    ring: closed(
      [77.578, 12.94],
      [77.6, 12.942],
      [77.605, 12.928],
      [77.598, 12.915],
      [77.58, 12.915],
      [77.573, 12.928],
    ),
  },
];

/**
 * One company (PAN AABCZ4821K) registered for GST once per hub in Karnataka (state code 29): the 13th
 * character counts the registrations, the last is the check character.
 */
const legalName = 'Zefy Home Services Private Limited';
const taxRegistrations: Record<string, { gstin: string; registeredAddress: string }> = {
  Indiranagar: {
    gstin: '29AABCZ4821K1ZY',
    registeredAddress:
      '3rd floor, 1094, 12th Main Road, HAL 2nd Stage, Indiranagar\nBengaluru, Karnataka 560038',
  },
  Koramangala: {
    gstin: '29AABCZ4821K2ZX',
    registeredAddress: '2nd floor, 56, 17th Main Road, 6th Block, Koramangala\nBengaluru, Karnataka 560095',
  },
  'HSR Layout': {
    gstin: '29AABCZ4821K3ZW',
    registeredAddress: '1st floor, 2187, 27th Main Road, Sector 1, HSR Layout\nBengaluru, Karnataka 560102',
  },
  Whitefield: {
    gstin: '29AABCZ4821K4ZV',
    registeredAddress: '4th floor, 21, ITPL Main Road, Whitefield\nBengaluru, Karnataka 560066',
  },
  Jayanagar: {
    gstin: '29AABCZ4821K5ZU',
    registeredAddress: '2nd floor, 483, 11th Main Road, 4th Block, Jayanagar\nBengaluru, Karnataka 560011',
  },
};

export const hubs = hubOutlines.map(({ name, ring }) => ({
  id: demoId('hub', name),
  name,
  city: 'Bengaluru',
  timezone: 'Asia/Kolkata',
  polygon: { type: 'Polygon' as const, coordinates: [ring] },
  taxIdentity: { legalName, ...taxRegistrations[name]! },
}));

export const customers = [
  { name: 'Ananya Rao', phone: '+919880012301', email: 'ananya.rao@example.com' },
  { name: 'Rahul Menon', phone: '+919880012302', email: 'rahul.menon@example.com' },
  { name: 'Priya Nair', phone: '+919880012303', email: 'priya.nair@example.com' },
  { name: 'Vikram Shetty', phone: '+919880012304', email: 'vikram.shetty@example.com' },
].map((customer) => ({ id: demoId('customer', customer.phone), ...customer }));
const customerId = (name: string) => customers.find((customer) => customer.name === name)!.id;

const addressData = [
  {
    customer: 'Ananya Rao',
    label: 'Home',
    line1: '2nd floor, 612, 12th Main Road, HAL 2nd Stage, Indiranagar',
    landmark: 'Near Indiranagar metro station',
    lat: 12.9716,
    lng: 77.6412,
    isDefault: true,
  },
  {
    customer: 'Ananya Rao',
    label: 'Work',
    line1: '4th floor, 80 Feet Road, 4th Block, Koramangala',
    landmark: 'Above the Forum Mall signal',
    lat: 12.9345,
    lng: 77.6201,
    isDefault: false,
  },
  {
    customer: 'Rahul Menon',
    label: 'Home',
    line1: '#27, 17th Cross, Sector 4, HSR Layout',
    landmark: 'Opposite BDA Complex',
    lat: 12.9105,
    lng: 77.6412,
    isDefault: true,
  },
  {
    customer: 'Rahul Menon',
    label: "Parents' place",
    line1: '14, Sahakara Nagar Main Road, Hebbal',
    landmark: 'Behind the Esteem Mall',
    // north of every hub: stays "not serviceable yet"
    lat: 13.0358,
    lng: 77.597,
    isDefault: false,
  },
  {
    customer: 'Priya Nair',
    label: 'Home',
    line1: 'Tower B, 1104, Prestige Shantiniketan, ITPL Main Road, Whitefield',
    landmark: null,
    lat: 12.9698,
    lng: 77.7499,
    isDefault: true,
  },
  {
    customer: 'Vikram Shetty',
    label: 'Home',
    line1: '33, 9th Main Road, 4th Block, Jayanagar',
    landmark: 'Near Jayanagar shopping complex',
    lat: 12.9293,
    lng: 77.5856,
    isDefault: true,
  },
];

export const addresses = addressData.map(({ customer, ...address }) => ({
  id: demoId('address', `${customer}:${address.label}`),
  customerId: customerId(customer),
  ...address,
}));

const trades = [
  'deep-cleaner',
  'plumber',
  'electrician',
  'ac-technician',
  'appliance-technician',
  'barber',
  'beautician',
] as const;
const firstNames = [
  'Ravi',
  'Suresh',
  'Manjunath',
  'Lakshmi',
  'Imran',
  'Deepa',
  'Kiran',
  'Naveen',
  'Asha',
  'Farhan',
  'Geetha',
  'Prakash',
  'Shabana',
  'Venkatesh',
  'Rekha',
  'Anil',
  'Kavya',
  'Santosh',
  'Nandini',
  'Mohammed',
  'Pooja',
  'Raghu',
  'Sunita',
  'Vinay',
  'Meena',
  'Arjun',
  'Bhavya',
  'Chandru',
  'Divya',
  'Ganesh',
  'Harini',
  'Jagadish',
  'Kusuma',
  'Lokesh',
  'Mamatha',
];
const lastNames = [
  'Gowda',
  'Reddy',
  'Kumar',
  'Naik',
  'Khan',
  'Shetty',
  'Rao',
  'Hegde',
  'Pillai',
  'Sharma',
  'Iyer',
];

const initialsAvatar = (name: string, hue: number) => {
  const initials = name
    .split(' ')
    .map((part) => part[0])
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="32" fill="hsl(${hue},55%,45%)"/><text x="32" y="41" font-family="sans-serif" font-size="24" fill="#fff" text-anchor="middle">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
};

/** Seven partners per hub, one of each trade; a partner's skills are the services their trade can do. */
export const partners = hubs.flatMap((hub, hubIndex) =>
  trades.map((trade, tradeIndex) => {
    const n = hubIndex * trades.length + tradeIndex;
    const name = `${firstNames[n % firstNames.length]} ${lastNames[(n * 7) % lastNames.length]}`;
    const phone = `+9198450${String(10_001 + n)}`;
    return {
      id: demoId('partner', phone),
      name,
      phone,
      skills: services.filter((service) => service.skill === trade).map((service) => service.id),
      hubId: hub.id,
      status: 'approved' as const,
      photoUrl: initialsAvatar(name, (n * 47) % 360),
    };
  }),
);

const shift = (start: string, end: string) => [{ start, end }];
const weekdayShift = shift('08:00', '20:00');

/**
 * Working hours of every partner for the coming week and every week after (a weekly pattern in the hub's
 * time zone): 08:00–20:00 Monday to Saturday, 09:00–18:00 on Sunday, so each trade of each hub has slots
 * on a fresh start.
 */
export const schedules = partners.map((partner) => ({
  partnerId: partner.id,
  weekly: {
    mon: weekdayShift,
    tue: weekdayShift,
    wed: weekdayShift,
    thu: weekdayShift,
    fri: weekdayShift,
    sat: weekdayShift,
    sun: shift('09:00', '18:00'),
  },
  daysOff: [] as string[],
}));

/** The operator's login; the password comes from configuration, never from data. */
export const admin = { email: 'admin@zefy.dev' };

import { demoId } from './ids.ts';

const gst = 1800;

export const categories = [
  {
    id: 'cleaning',
    name: 'Cleaning',
    description: 'Deep cleaning of homes, kitchens, bathrooms and sofas, with professional equipment.',
    imageUrl: '/images/categories/cleaning.svg',
  },
  {
    id: 'plumbing',
    name: 'Plumbing',
    description: 'Leaks, taps, drains, tanks and fittings fixed by verified plumbers.',
    imageUrl: '/images/categories/plumbing.svg',
  },
  {
    id: 'electrical',
    name: 'Electrical',
    description: 'Switches, fans, lights and wiring by licensed electricians.',
    imageUrl: '/images/categories/electrical.svg',
  },
  {
    id: 'appliance-repair',
    name: 'Appliance repair',
    description: 'Air conditioners, washing machines and refrigerators serviced and repaired at home.',
    imageUrl: '/images/categories/appliance-repair.svg',
  },
  {
    id: 'salon',
    name: 'Salon at home',
    description: 'Haircuts, grooming and skin care by trained beauticians, at your place.',
    imageUrl: '/images/categories/salon.svg',
  },
] as const;

interface ServiceData {
  name: string;
  category: (typeof categories)[number]['id'];
  description: string;
  includedMinutes: number;
  basePricePaise: number;
  extraCharge: { graceMinutes: number; blockMinutes: number; blockPricePaise: number };
  skill: string;
}

/** Prices as Bengaluru home-services apps charged in 2025, before 18% GST. */
const serviceData: ServiceData[] = [
  {
    name: 'Full home deep cleaning (2 BHK)',
    category: 'cleaning',
    description:
      'Every room, kitchen and bathrooms: floors scrubbed, fixtures descaled, cabinets wiped inside out.',
    includedMinutes: 300,
    basePricePaise: 3_499_00,
    extraCharge: { graceMinutes: 15, blockMinutes: 30, blockPricePaise: 299_00 },
    skill: 'deep-cleaner',
  },
  {
    name: 'Bathroom deep cleaning',
    category: 'cleaning',
    description: 'Tiles, grout, fittings and mirrors; hard-water stains removed.',
    includedMinutes: 75,
    basePricePaise: 499_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 149_00 },
    skill: 'deep-cleaner',
  },
  {
    name: 'Sofa shampooing (5 seats)',
    category: 'cleaning',
    description: 'Dry vacuum, shampoo and extraction for fabric sofas.',
    includedMinutes: 90,
    basePricePaise: 899_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 199_00 },
    skill: 'deep-cleaner',
  },
  {
    name: 'Tap and mixer repair',
    category: 'plumbing',
    description: 'Leaking or stuck taps and mixers repaired; spare parts billed separately.',
    includedMinutes: 30,
    basePricePaise: 149_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 15, blockPricePaise: 79_00 },
    skill: 'plumber',
  },
  {
    name: 'Blocked drain cleaning',
    category: 'plumbing',
    description: 'Kitchen or bathroom drain unblocked with a machine, no digging.',
    includedMinutes: 60,
    basePricePaise: 399_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 149_00 },
    skill: 'plumber',
  },
  {
    name: 'Water tank cleaning (up to 1000 L)',
    category: 'plumbing',
    description: 'Drained, scrubbed, vacuumed and disinfected overhead or sump tank.',
    includedMinutes: 120,
    basePricePaise: 799_00,
    extraCharge: { graceMinutes: 15, blockMinutes: 30, blockPricePaise: 199_00 },
    skill: 'plumber',
  },
  {
    name: 'Switch and socket repair',
    category: 'electrical',
    description: 'Faulty switches, sockets or switchboards repaired or replaced.',
    includedMinutes: 30,
    basePricePaise: 99_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 15, blockPricePaise: 59_00 },
    skill: 'electrician',
  },
  {
    name: 'Ceiling fan installation',
    category: 'electrical',
    description: 'A new ceiling fan fitted and wired, old one taken down.',
    includedMinutes: 45,
    basePricePaise: 249_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 15, blockPricePaise: 79_00 },
    skill: 'electrician',
  },
  {
    name: 'Split AC service',
    category: 'appliance-repair',
    description: 'Foam-jet cleaning of indoor and outdoor units, gas pressure checked.',
    includedMinutes: 60,
    basePricePaise: 599_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 199_00 },
    skill: 'ac-technician',
  },
  {
    name: 'Washing machine repair',
    category: 'appliance-repair',
    description: 'Diagnosis and repair of top- and front-load machines; parts billed separately.',
    includedMinutes: 60,
    basePricePaise: 349_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 149_00 },
    skill: 'appliance-technician',
  },
  {
    name: 'Refrigerator repair',
    category: 'appliance-repair',
    description: 'Cooling problems, leaks and noise in single- and double-door refrigerators.',
    includedMinutes: 60,
    basePricePaise: 399_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 30, blockPricePaise: 149_00 },
    skill: 'appliance-technician',
  },
  {
    name: "Men's haircut and beard styling",
    category: 'salon',
    description: 'Haircut, beard trim and styling at home, disposable kit.',
    includedMinutes: 45,
    basePricePaise: 349_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 15, blockPricePaise: 99_00 },
    skill: 'barber',
  },
  {
    name: 'Fruit facial and cleanup',
    category: 'salon',
    description: 'Cleansing, scrub, massage and mask with a fruit-based range.',
    includedMinutes: 75,
    basePricePaise: 1_199_00,
    extraCharge: { graceMinutes: 10, blockMinutes: 15, blockPricePaise: 199_00 },
    skill: 'beautician',
  },
];

export const services = serviceData.map((service) => ({
  id: demoId('service', service.name),
  ...service,
  // a service shows its category's picture (served by the user app) until it has a photo of its own
  imageUrl: `/images/categories/${service.category}.svg`,
  taxRateBasisPoints: gst,
}));

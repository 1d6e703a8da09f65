/**
 * Sizes of the generated company (the scale issue): L is the target load, XL ten times L (how cost grows, issue 23),
 * S fits the embedded database, XS is CI.
 */
export type Scale = {
  customers: number;
  contactsPerCustomer: number;
  activitiesPerCustomer: number;
  opportunities: number;
  planItems: number;
  services: number;
  churnWarnings: number;
  /** Orders in the sales system; each has 1–5 lines (3 on average). */
  orders: number;
  products: number;
  managers: number;
  directors: number;
  /** Years of order history, ending today. */
  years: number;
};

export const SCALES = {
  XL: {
    customers: 1_000_000,
    contactsPerCustomer: 3,
    activitiesPerCustomer: 5,
    opportunities: 500_000,
    planItems: 1_500_000,
    services: 2_000_000,
    churnWarnings: 100_000,
    orders: 20_000_000,
    products: 2_000,
    managers: 400,
    directors: 10,
    years: 5,
  },
  L: {
    customers: 100_000,
    contactsPerCustomer: 3,
    activitiesPerCustomer: 5,
    opportunities: 50_000,
    planItems: 150_000,
    services: 200_000,
    churnWarnings: 10_000,
    orders: 2_000_000,
    products: 200,
    managers: 40,
    directors: 4,
    years: 5,
  },
  M: {
    customers: 20_000,
    contactsPerCustomer: 3,
    activitiesPerCustomer: 5,
    opportunities: 10_000,
    planItems: 30_000,
    services: 40_000,
    churnWarnings: 2_000,
    orders: 400_000,
    products: 200,
    managers: 20,
    directors: 3,
    years: 5,
  },
  S: {
    customers: 5_000,
    contactsPerCustomer: 3,
    activitiesPerCustomer: 5,
    opportunities: 2_500,
    planItems: 7_500,
    services: 10_000,
    churnWarnings: 500,
    orders: 100_000,
    products: 200,
    managers: 10,
    directors: 2,
    years: 5,
  },
  XS: {
    customers: 300,
    contactsPerCustomer: 3,
    activitiesPerCustomer: 5,
    opportunities: 100,
    planItems: 300,
    services: 600,
    churnWarnings: 30,
    orders: 3_000,
    products: 30,
    managers: 4,
    directors: 1,
    years: 3,
  },
} satisfies Record<string, Scale>;

export type ScaleName = keyof typeof SCALES;

export const isScaleName = (s: string): s is ScaleName => s in SCALES;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The server's calendar day of an instant, `yyyy-MM-dd` (process time zone), for numbers and date filters. */
export const dayOf = (at: Date) => `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;

/** Midnight at the start of a `yyyy-MM-dd` day, and of the day after it (the exclusive end of a range). */
export const startOfDay = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + plusDays);
};

/**
 * A service's number (docs/product.md#customer-service, rule 6, "number (auto)"): `FW` (服务) + the creation day `yyyyMMdd` + the record's id, at
 * least 5 digits — e.g. `FW2026112500042`. The id comes from the table's sequence, so numbers are unique without a
 * counter table and concurrent creations never collide; unlike customer numbers the sequence does not restart daily.
 */
export const serviceNumber = (createdAt: Date, id: number) => `FW${dayOf(createdAt).replaceAll('-', '')}${pad(id, 5)}`;

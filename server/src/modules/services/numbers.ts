import { localDay } from '../../platform/calendar.ts';

/**
 * A service's number (docs/product.md#customer-service, rule 6, "number (auto)"): `FW` (服务) + the creation day
 * `yyyyMMdd` (the server's calendar) + the record's id, at least 5 digits — e.g. `FW2026112500042`. The id comes from
 * the table's sequence, so numbers are unique without a counter table and concurrent creations never collide; unlike
 * customer numbers the sequence does not restart daily.
 */
export const serviceNumber = (createdAt: Date, id: number) =>
  `FW${localDay(createdAt).replaceAll('-', '')}${String(id).padStart(5, '0')}`;

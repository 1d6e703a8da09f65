import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type {
  Activity,
  Contact,
  CreateActivityBody,
  ListedContact,
  CreateContactBody,
  UpdateActivityBody,
  UpdateContactBody,
} from '@crm/contracts';
import type { DbOrTx } from '../../db/client.ts';
import { activities as a, contacts as k } from '../../db/schema/index.ts';
import { maskedPhone } from '../../db/mask.ts';
import { writeNamePinyin } from '../../db/pinyin.ts';
import { rows } from '../../db/sql.ts';
import { customerInScope, type Reader } from '../../platform/scope.ts';

/**
 * Who is changing what: the rule of docs/product.md#contacts, rule 2 and #interaction-records, rule 2 is evaluated
 * inside each write statement.
 */
export type Writer = { customerId: number; actor: Reader; anyManager: boolean };

/**
 * The customer is `normal` and the writer is its responsible manager (or may act for every manager inside their scope,
 * docs/organisation.md#data-scope, rule 5). `for share`
 * makes a concurrent change of the customer (e.g. becoming lost) wait for this write, or this write see it.
 */
const mayWrite = (
  w: Writer,
): SQL => sql`exists (select 1 from customers c where c.id = ${w.customerId} and c.status = 'normal'
  and ${w.anyManager ? customerInScope(w.actor) : sql`c.manager_id = ${w.actor.id}`} for share)`;

const contactColumns = {
  id: k.id,
  name: k.name,
  sex: k.sex,
  position: k.position,
  officePhone: k.officePhone,
  mobile: k.mobile,
  note: k.note,
};
const activityColumns = {
  id: a.id,
  date: a.date,
  place: a.place,
  summary: a.summary,
  details: a.details,
  note: a.note,
};

/** The phones of a pool customer's contacts read masked unless `poolPhones` (docs/organisation.md#customer-pool, rule 2). */
const listedContactColumns = (customerId: number, poolPhones: boolean) => {
  const shown =
    poolPhones || sql`exists (select 1 from customers c where c.id = ${customerId} and c.manager_id is not null)`;
  return {
    ...contactColumns,
    officePhone: sql<string | null>`${maskedPhone(sql`${k.officePhone}`, shown)}`,
    mobile: sql<string | null>`${maskedPhone(sql`${k.mobile}`, shown)}`,
  };
};

/** A contact's customer-portal access, if any (docs/portal.md#accounts, rule 4): invited or active. */
const portalAccessColumns = {
  portalAccepted: sql<
    boolean | null
  >`(select pa.accepted_at is not null from portal_accounts pa where pa.contact_id = "contacts"."id")`,
  portalUsername: sql<
    string | null
  >`(select pa.username from portal_accounts pa where pa.contact_id = "contacts"."id")`,
  portalExpiresAt: sql<
    string | Date | null
  >`(select pa.invite_expires_at from portal_accounts pa where pa.contact_id = "contacts"."id")`,
};

export async function listContacts(db: DbOrTx, customerId: number, limit: number, offset: number, poolPhones = false) {
  const found = await db
    .select({ ...listedContactColumns(customerId, poolPhones), ...portalAccessColumns })
    .from(k)
    .where(eq(k.customerId, customerId))
    .orderBy(k.id)
    .limit(limit)
    .offset(offset);
  const total = await db.$count(k, eq(k.customerId, customerId));
  const items: ListedContact[] = found.map(({ portalAccepted, portalUsername, portalExpiresAt, ...c }) => ({
    ...(c as Contact),
    portalAccess:
      portalAccepted === null
        ? null
        : {
            status: portalAccepted ? 'active' : 'invited',
            username: portalUsername,
            expiresAt: portalExpiresAt === null ? null : new Date(portalExpiresAt).toISOString(),
          },
  }));
  return { items, total };
}

export async function insertContact(db: DbOrTx, w: Writer, v: CreateContactBody, now: Date) {
  const [row] = await rows<Contact>(
    db,
    sql`insert into contacts (customer_id, name, sex, position, office_phone, mobile, note, created_at)
        select ${w.customerId}, ${v.name}, ${v.sex}, ${v.position}, ${v.officePhone}, ${v.mobile}, ${v.note}, ${now.toISOString()}::timestamptz
        where ${mayWrite(w)}
        returning id, name, sex, position, office_phone as "officePhone", mobile, note`,
  );
  if (row) await writeNamePinyin(db, 'contacts', [row]); // docs/search.md#pinyin, rule 3
  return row;
}

export async function updateContact(db: DbOrTx, w: Writer, contactId: number, v: UpdateContactBody) {
  const [row] = await db
    .update(k)
    .set(v)
    .where(and(eq(k.id, contactId), eq(k.customerId, w.customerId), mayWrite(w)))
    .returning(contactColumns);
  if (row && v.name !== undefined) await writeNamePinyin(db, 'contacts', [row as Contact]); // docs/search.md#pinyin
  return row as Contact | undefined;
}

export async function deleteContact(db: DbOrTx, w: Writer, contactId: number) {
  const [row] = await db
    .delete(k)
    .where(and(eq(k.id, contactId), eq(k.customerId, w.customerId), mayWrite(w)))
    .returning(contactColumns);
  return row as Contact | undefined;
}

export async function findContact(db: DbOrTx, customerId: number, contactId: number) {
  const [row] = await db
    .select(contactColumns)
    .from(k)
    .where(and(eq(k.id, contactId), eq(k.customerId, customerId)));
  return row as Contact | undefined;
}

export async function listActivities(db: DbOrTx, customerId: number, limit: number, offset: number) {
  const items = await db
    .select(activityColumns)
    .from(a)
    .where(eq(a.customerId, customerId))
    .orderBy(desc(a.date), desc(a.id))
    .limit(limit)
    .offset(offset);
  const total = await db.$count(a, eq(a.customerId, customerId));
  return { items: items as Activity[], total };
}

export async function insertActivity(db: DbOrTx, w: Writer, v: CreateActivityBody, now: Date) {
  const [row] = await rows<Activity>(
    db,
    sql`insert into activities (customer_id, date, place, summary, details, note, created_at)
        select ${w.customerId}, ${v.date}::date, ${v.place}, ${v.summary}, ${v.details}, ${v.note}, ${now.toISOString()}::timestamptz
        where ${mayWrite(w)}
        returning id, date, place, summary, details, note`,
  );
  return row;
}

export async function updateActivity(db: DbOrTx, w: Writer, activityId: number, v: UpdateActivityBody) {
  const [row] = await db
    .update(a)
    .set(v)
    .where(and(eq(a.id, activityId), eq(a.customerId, w.customerId), mayWrite(w)))
    .returning(activityColumns);
  return row as Activity | undefined;
}

export async function deleteActivity(db: DbOrTx, w: Writer, activityId: number) {
  const [row] = await db
    .delete(a)
    .where(and(eq(a.id, activityId), eq(a.customerId, w.customerId), mayWrite(w)))
    .returning(activityColumns);
  return row as Activity | undefined;
}

export async function findActivity(db: DbOrTx, customerId: number, activityId: number) {
  const [row] = await db
    .select(activityColumns)
    .from(a)
    .where(and(eq(a.id, activityId), eq(a.customerId, customerId)));
  return row as Activity | undefined;
}

import type { SearchAnswer } from '@crm/contracts';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { maskedPhone } from '../../db/mask.ts';
import { containsText } from '../../db/search.ts';
import { rows } from '../../db/sql.ts';
import { containsPattern } from '../../platform/pagination.ts';
import { customerInScope, opportunityInScope, serviceInScope, type Reader } from '../../platform/scope.ts';

/**
 * What was typed, read each way it can match (docs/search.md#what-matches): `lower` for names and numbers, `pinyin`
 * (letters only, spaces and apostrophes dropped) when it can be pinyin, `digits` when it is a phone number of 4 or
 * more digits with or without separators, `creditCode` (upper case) when it is a valid 统一社会信用代码.
 */
export type Terms = { text: string; lower: string; pinyin?: string; digits?: string; creditCode?: string };

/** Candidates of one branch: enough for the best `limit` of a kind after ranking, never every match. */
const BRANCH = 50;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** `expression like 'text%'` on a C-collated index (migration 0016): a range of the index, shortest matches first. */
const startsWith = (expression: SQL, text: string) => sql`(${expression}) collate "C" like ${`${escapeLike(text)}%`}`;
const prefixOrder = (expression: SQL) => sql`(${expression}) collate "C"`;

const union = (branches: SQL[]) =>
  sql.join(
    branches.map((b) => sql`(${b})`),
    sql` union `,
  );

/**
 * The pinyin branches of a name (docs/search.md#pinyin, rule 5): one or two letters match the start of the first
 * reading (its initials or full pinyin), read in order from the prefix indexes; three or more match a part of any
 * reading, through the trigram indexes.
 */
function pinyinBranches(from: SQL, alias: string, inScope: SQL, p: string): SQL[] {
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  if (p.length <= 2)
    return ['name_initials', 'name_pinyin'].map(
      (c) =>
        sql`select ${col('id')} as id ${from} where ${startsWith(col(c), p)} and ${inScope}
            order by ${prefixOrder(col(c))} limit ${BRANCH}`,
    );
  return ['name_initials', 'name_pinyin'].map(
    (c) =>
      sql`select ${col('id')} as id ${from} where ${col(c)} like ${containsPattern(p)} and ${inScope} limit ${BRANCH}`,
  );
}

/** docs/search.md#ranking: 0 the whole name (or number), 1 its start (or its pinyin's), 2 any other match. */
function rank(exact: SQL[], starts: SQL[]) {
  return sql`case when ${sql.join(exact, sql` or `)} then 0 when ${sql.join(starts, sql` or `)} then 1 else 2 end`;
}

type Options = { limit: number; poolPhones: boolean };

/**
 * Customers by name (part, start), number (start), pinyin and phone digits, inside the reader's customer scope
 * (docs/organisation.md#data-scope; pool customers for every customer reader, rule 1 of #customer-pool). A pool
 * customer's phone is not searchable for a reader who sees it masked (docs/search.md#what-matches, rule 4).
 */
export async function searchCustomers(db: DbOrTx, reader: Reader, t: Terms, o: Options) {
  // docs/duplicates-and-merge.md, rule 5: merged customers are found by no search
  const inScope = sql`${customerInScope(reader, 'c')} and c.status <> 'merged'`;
  const from = sql`from customers c`;
  const branches = [
    sql`select c.id from customers c where ${startsWith(sql`lower(c.name)`, t.lower)} and ${inScope}
        order by ${prefixOrder(sql`lower(c.name)`)} limit ${BRANCH}`,
    sql`select c.id from customers c where ${startsWith(sql`lower(c.number)`, t.lower)} and ${inScope}
        order by ${prefixOrder(sql`lower(c.number)`)} limit ${BRANCH}`,
    sql`select c.id from customers c where ${containsText(sql`c.name`, t.text, sql`c.name_grams`)} and ${inScope}
        limit ${BRANCH}`,
    ...(t.pinyin ? pinyinBranches(from, 'c', inScope, t.pinyin) : []),
    ...(t.digits
      ? [
          sql`select c.id from customers c where c.phone_digits like ${containsPattern(t.digits)}
              and (${sql.raw(String(o.poolPhones))} or c.manager_id is not null) and ${inScope} limit ${BRANCH}`,
        ]
      : []),
    ...(t.creditCode ? [sql`select c.id from customers c where c.credit_code = ${t.creditCode} and ${inScope}`] : []),
  ];
  const pinyinStarts = t.pinyin
    ? [startsWith(sql`c.name_initials`, t.pinyin), startsWith(sql`c.name_pinyin`, t.pinyin)]
    : [];
  return rows<SearchAnswer['customers'][number]>(
    db,
    sql`select c.id, c.number, c.name,
          case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end as manager
        from (${union(branches)}) hit join customers c on c.id = hit.id left join users u on u.id = c.manager_id
        order by ${rank(
          [
            sql`lower(c.name) = ${t.lower}`,
            sql`lower(c.number) = ${t.lower}`,
            ...(t.creditCode ? [sql`c.credit_code = ${t.creditCode}`] : []),
          ],
          [startsWith(sql`lower(c.name)`, t.lower), startsWith(sql`lower(c.number)`, t.lower), ...pinyinStarts],
        )}, char_length(c.name), c.id desc
        limit ${o.limit}`,
  );
}

/** Contacts by name (part, start), pinyin and phone digits (office phone or mobile), of customers in scope. */
export async function searchContacts(db: DbOrTx, reader: Reader, t: Terms, o: Options) {
  const inScope = customerInScope(reader, 'c');
  const from = sql`from contacts k join customers c on c.id = k.customer_id`;
  const branches = [
    sql`select k.id ${from} where ${startsWith(sql`lower(k.name)`, t.lower)} and ${inScope}
        order by ${prefixOrder(sql`lower(k.name)`)} limit ${BRANCH}`,
    sql`select k.id ${from} where ${containsText(sql`k.name`, t.text, sql`k.name_grams`)} and ${inScope}
        limit ${BRANCH}`,
    ...(t.pinyin ? pinyinBranches(from, 'k', inScope, t.pinyin) : []),
    ...(t.digits
      ? [
          sql`select k.id ${from} where k.phone_digits like ${containsPattern(t.digits)}
              and (${sql.raw(String(o.poolPhones))} or c.manager_id is not null) and ${inScope} limit ${BRANCH}`,
        ]
      : []),
  ];
  const pinyinStarts = t.pinyin
    ? [startsWith(sql`k.name_initials`, t.pinyin), startsWith(sql`k.name_pinyin`, t.pinyin)]
    : [];
  const shown = o.poolPhones || sql`c.manager_id is not null`;
  return rows<SearchAnswer['contacts'][number]>(
    db,
    sql`select k.id, k.customer_id as "customerId", c.name as "customerName", k.name,
          ${maskedPhone(sql`k.mobile`, shown)} as mobile, ${maskedPhone(sql`k.office_phone`, shown)} as "officePhone"
        from (${union(branches)}) hit join contacts k on k.id = hit.id join customers c on c.id = k.customer_id
        order by ${rank([sql`lower(k.name) = ${t.lower}`], [startsWith(sql`lower(k.name)`, t.lower), ...pinyinStarts])},
          char_length(k.name), k.id desc
        limit ${o.limit}`,
  );
}

/** Opportunities by their customer's name (start, part) or summary (part), inside the opportunity scope. */
export async function searchOpportunities(db: DbOrTx, reader: Reader, t: Terms, limit: number) {
  const inScope = opportunityInScope(reader, 'o');
  const short = [...t.text].length <= 2;
  const grams = sql`o.search_grams`;
  const branches = [
    sql`select o.id from opportunities o where ${startsWith(sql`lower(o.customer_name)`, t.lower)} and ${inScope}
        order by ${prefixOrder(sql`lower(o.customer_name)`)} limit ${BRANCH}`,
    ...(short
      ? [
          sql`select o.id from opportunities o where ${grams} @> array[${t.lower}::text]
              and (o.customer_name ilike ${containsPattern(t.text)} or o.summary ilike ${containsPattern(t.text)})
              and ${inScope} limit ${BRANCH}`,
        ]
      : ['customer_name', 'summary'].map(
          (c) =>
            sql`select o.id from opportunities o where ${containsText(sql.raw(`o.${c}`), t.text)} and ${inScope}
                limit ${BRANCH}`,
        )),
  ];
  return rows<SearchAnswer['opportunities'][number]>(
    db,
    sql`select o.id, o.customer_name as "customerName", o.summary, o.status
        from (${union(branches)}) hit join opportunities o on o.id = hit.id
        order by ${rank([sql`lower(o.customer_name) = ${t.lower}`], [startsWith(sql`lower(o.customer_name)`, t.lower)])},
          o.id desc
        limit ${limit}`,
  );
}

/** Services by number (start) or summary (part), inside the service scope. */
export async function searchServices(db: DbOrTx, reader: Reader, t: Terms, limit: number) {
  const inScope = serviceInScope(reader, 's');
  const branches = [
    sql`select s.id from services s where ${startsWith(sql`lower(s.number)`, t.lower)} and ${inScope}
        order by ${prefixOrder(sql`lower(s.number)`)} limit ${BRANCH}`,
    sql`select s.id from services s where ${containsText(sql`s.summary`, t.text, sql`s.summary_grams`)} and ${inScope}
        limit ${BRANCH}`,
  ];
  return rows<SearchAnswer['services'][number]>(
    db,
    sql`select s.id, s.number, s.summary, c.name as "customerName", s.status
        from (${union(branches)}) hit join services s on s.id = hit.id join customers c on c.id = s.customer_id
        order by ${rank([sql`lower(s.number) = ${t.lower}`], [startsWith(sql`lower(s.number)`, t.lower)])}, s.id desc
        limit ${limit}`,
  );
}

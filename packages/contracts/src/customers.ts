import { contactPortalAccess } from './portal.ts';
import { z } from 'zod';
import {
  id,
  isoDate,
  optionalText,
  pageQuery,
  personRef,
  requiredText,
  stars,
  textFilter,
  wholeNumber,
} from './common.ts';
import { formatted, normaliseWebsite } from './formats.ts';
import { reportFormat, reportLang } from './reports.ts';
import { CUSTOMER_LIMITS, MERGE_FIELDS } from './values.ts';

/**
 * docs/product.md#customers, rule 4: 正常 normal, 已流失 lost (set by the churn confirmation, never by a form), 已合并
 * merged (merged into another customer, docs/duplicates-and-merge.md; read-only, out of every list).
 */
export const CUSTOMER_STATUSES = ['normal', 'lost', 'merged'] as const;
export const customerStatus = z.enum(CUSTOMER_STATUSES);
export type CustomerStatus = z.infer<typeof customerStatus>;
/** The statuses a list filters by: merged customers are in no list. */
export const LISTED_CUSTOMER_STATUSES = ['normal', 'lost'] as const;

const L = CUSTOMER_LIMITS;

export const customer = z.object({
  id: z.number().int(),
  number: z.string(),
  name: z.string(),
  /** 统一社会信用代码 (docs/product.md#customers, rule 10): unique when set. */
  creditCode: z.string().nullable(),
  regionId: z.number().int().nullable(),
  region: z.string().nullable(),
  /** null: the customer is in the pool (docs/organisation.md#customer-pool). */
  managerId: z.number().int().nullable(),
  manager: personRef.nullable(),
  levelId: z.number().int().nullable(),
  level: z.string().nullable(),
  satisfaction: z.number().int().nullable(),
  credit: z.number().int().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  fax: z.string().nullable(),
  website: z.string().nullable(),
  licenceNo: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  registeredCapital: z.number().nullable(),
  annualTurnover: z.number().nullable(),
  bank: z.string().nullable(),
  bankAccount: z.string().nullable(),
  localTaxNo: z.string().nullable(),
  nationalTaxNo: z.string().nullable(),
  status: customerStatus,
  /** The survivor this customer was merged into (status `merged`), else null. */
  mergedIntoId: z.number().int().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof customer>;

export const customerQuery = pageQuery.extend({
  number: textFilter,
  name: textFilter,
  regionId: id.optional(),
  managerId: id.optional(),
  levelId: id.optional(),
  status: z.enum(LISTED_CUSTOMER_STATUSES).optional(),
  /** `true`: only customers in the pool; `false`: only customers with a manager; absent: both. */
  pool: z.enum(['true', 'false']).optional(),
  /** docs/product.md#customers, rule 11: `csv` or `xlsx` answers every matching customer as a file (`customer.export`). */
  format: reportFormat.optional(),
  /** The file's headers and texts. */
  lang: reportLang.default('zh'),
});
export type CustomerQuery = z.infer<typeof customerQuery>;

/** 万元 / 元 amounts: not negative, two decimals at most. */
const amount = (max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .multipleOf(0.01)
    .nullish()
    .transform((v) => v ?? null);

/** The fields a form may send besides the required ones; empty means "none". Formats: issue 14, item 4. */
const optionalFields = {
  creditCode: formatted(optionalText(L.creditCode), 'creditCode').transform((v) => (v ? v.toUpperCase() : null)),
  address: optionalText(L.text),
  postcode: formatted(optionalText(20), 'postcode'),
  phone: formatted(optionalText(L.short), 'phone'),
  fax: formatted(optionalText(L.short), 'phone'),
  // stored with its scheme, so that it can be opened as a link
  website: formatted(optionalText(L.text), 'website').transform((v) => (v ? normaliseWebsite(v) : null)),
  licenceNo: optionalText(L.short),
  legalRepresentative: optionalText(L.short),
  registeredCapital: amount(999_999_999_999),
  annualTurnover: amount(99_999_999_999_999),
  bank: optionalText(L.text),
  bankAccount: optionalText(L.short),
  localTaxNo: optionalText(L.short),
  nationalTaxNo: optionalText(L.short),
};

/**
 * docs/product.md#customers, rule 3 fields marked *: required whenever a customer is saved. Number, status, times are
 * the server's.
 */
export const createCustomerBody = z
  .object({
    name: requiredText(L.name),
    regionId: id,
    managerId: id,
    levelId: id,
    satisfaction: stars,
    credit: stars,
    ...optionalFields,
  })
  .strict();
export type CreateCustomerBody = z.infer<typeof createCustomerBody>;

/**
 * A PATCH sends the `version` it was based on and the fields it changes. Required fields can be left out but not
 * emptied; after the change every required field must have a value (a customer created from an opportunity gets
 * them at its first edit).
 */
export const updateCustomerBody = z
  .object({
    version: z.number().int().min(1),
    name: requiredText(L.name).optional(),
    regionId: id.optional(),
    managerId: id.optional(),
    levelId: id.optional(),
    satisfaction: stars.optional(),
    credit: stars.optional(),
    creditCode: optionalFields.creditCode.optional(),
    address: optionalFields.address.optional(),
    postcode: optionalFields.postcode.optional(),
    phone: optionalFields.phone.optional(),
    fax: optionalFields.fax.optional(),
    website: optionalFields.website.optional(),
    licenceNo: optionalFields.licenceNo.optional(),
    legalRepresentative: optionalFields.legalRepresentative.optional(),
    registeredCapital: optionalFields.registeredCapital.optional(),
    annualTurnover: optionalFields.annualTurnover.optional(),
    bank: optionalFields.bank.optional(),
    bankAccount: optionalFields.bankAccount.optional(),
    localTaxNo: optionalFields.localTaxNo.optional(),
    nationalTaxNo: optionalFields.nationalTaxNo.optional(),
  })
  .strict();
export type UpdateCustomerBody = z.infer<typeof updateCustomerBody>;

export const CUSTOMER_REQUIRED_FIELDS = ['name', 'regionId', 'managerId', 'levelId', 'satisfaction', 'credit'] as const;

/** docs/product.md#contacts, rule 1: name, sex, position and office phone are required. */
export const SEXES = ['male', 'female'] as const;
export const contact = z.object({
  id: z.number().int(),
  name: z.string(),
  sex: z.enum(SEXES).nullable(),
  position: z.string().nullable(),
  officePhone: z.string().nullable(),
  mobile: z.string().nullable(),
  note: z.string().nullable(),
});
export type Contact = z.infer<typeof contact>;
/** A contact as the customer's contact list shows it: with their customer-portal access, if any (docs/portal.md). */
export const listedContact = contact.extend({ portalAccess: contactPortalAccess.nullable() });
export type ListedContact = z.infer<typeof listedContact>;
const contactFields = {
  name: requiredText(L.short),
  sex: z.enum(SEXES),
  position: requiredText(L.short),
  officePhone: formatted(requiredText(L.short), 'phone'),
  mobile: formatted(optionalText(L.short), 'mobile'),
  note: optionalText(L.note),
};
export const createContactBody = z.object(contactFields).strict();
export type CreateContactBody = z.infer<typeof createContactBody>;
export const updateContactBody = z
  .object({
    name: contactFields.name.optional(),
    sex: contactFields.sex.optional(),
    position: contactFields.position.optional(),
    officePhone: contactFields.officePhone.optional(),
    mobile: contactFields.mobile.optional(),
    note: contactFields.note.optional(),
  })
  .strict();
export type UpdateContactBody = z.infer<typeof updateContactBody>;

/** docs/product.md#interaction-records, rule 1 interaction records (交往记录): date, place and summary are required. */
export const activity = z.object({
  id: z.number().int(),
  date: z.string(),
  place: z.string(),
  summary: z.string(),
  details: z.string().nullable(),
  note: z.string().nullable(),
});
export type Activity = z.infer<typeof activity>;
const activityFields = {
  date: isoDate,
  place: requiredText(L.text),
  summary: requiredText(L.text),
  details: optionalText(L.details),
  note: optionalText(L.note),
};
export const createActivityBody = z.object(activityFields).strict();
export type CreateActivityBody = z.infer<typeof createActivityBody>;
export const updateActivityBody = z
  .object({
    date: activityFields.date.optional(),
    place: activityFields.place.optional(),
    summary: activityFields.summary.optional(),
    details: activityFields.details.optional(),
    note: activityFields.note.optional(),
  })
  .strict();
export type UpdateActivityBody = z.infer<typeof updateActivityBody>;

export const customerParams = z.object({ id }).strict();
export const contactParams = z.object({ id, contactId: id }).strict();
export const activityParams = z.object({ id, activityId: id }).strict();
export const orderParams = z
  .object({ id, orderId: wholeNumber.pipe(z.number().int().positive().max(Number.MAX_SAFE_INTEGER)) })
  .strict();

/** POST /customers/:id/merge: the customers merged into `:id`, and per field the customer whose value is kept. */
export const mergeBody = z
  .object({
    sourceIds: z.array(id).min(1).max(20),
    fields: z.partialRecord(z.enum(MERGE_FIELDS), id).optional(),
  })
  .strict();
export type MergeBody = z.infer<typeof mergeBody>;

export const mergeAnswer = z.object({
  customer,
  mergedNumbers: z.array(z.string()),
  moved: z.object({
    contacts: z.number().int(),
    activities: z.number().int(),
    services: z.number().int(),
    opportunities: z.number().int(),
    churnWarnings: z.number().int(),
  }),
});
export type MergeAnswer = z.infer<typeof mergeAnswer>;

/** docs/duplicates-and-merge.md, rules 1 and 2: why the customers of a group are likely the same company. */
export const DUPLICATE_REASONS = ['creditCode', 'name', 'phone'] as const;
export const duplicateGroup = z.object({
  groupId: z.number().int(),
  reason: z.enum(DUPLICATE_REASONS),
  customers: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      name: z.string(),
      manager: personRef.nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type DuplicateGroup = z.infer<typeof duplicateGroup>;
export const duplicateScanAnswer = z.object({ groups: z.number().int() });
export type DuplicateScanAnswer = z.infer<typeof duplicateScanAnswer>;

import {
  createContactBody,
  createCustomerBody,
  updateCustomerBody,
  type ImportDefaults,
  type ImportField,
  type ImportMapping,
  type ImportRowError,
  CUSTOMER_AMOUNT_FIELDS,
  IMPORT_FIELDS,
} from '@crm/contracts';
import type { z } from 'zod';

/**
 * From a row of cells to a customer (docs/imports.md, rules 3–6): the mapping's columns read, dictionary items and
 * managers found by their text, each value checked by the same schemas as the customer form — one decision per row
 * that the check and the run share, so that the check says exactly what the run will do.
 */

const HEADERS: Record<ImportField, string[]> = {
  name: ['客户名称', '名称', '客户', '公司名称', '企业名称', '单位名称', 'name', 'customer', 'customername', 'company'],
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', 'creditcode', 'unifiedsocialcreditcode', 'uscc'],
  number: ['客户编号', '编号', 'number', 'customerno', 'customernumber', 'no'],
  region: ['地区', '区域', '所在地区', '省份', 'region', 'area'],
  level: ['等级', '客户等级', '级别', 'level', 'customerlevel'],
  manager: ['客户经理', '负责人', '经理', '销售', 'manager', 'accountmanager', 'owner'],
  satisfaction: ['满意度', '客户满意度', 'satisfaction'],
  credit: ['信用度', '客户信用度', '信用', 'credit'],
  address: ['地址', '详细地址', '公司地址', 'address'],
  postcode: ['邮政编码', '邮编', 'postcode', 'zip', 'zipcode', 'postalcode'],
  phone: ['电话', '公司电话', '总机', 'phone', 'telephone', 'tel'],
  fax: ['传真', 'fax'],
  website: ['网址', '网站', '主页', 'website', 'url', 'homepage'],
  licenceNo: ['营业执照注册号', '营业执照号', '执照号', 'licenceno', 'businesslicenceno', 'licenseno'],
  legalRepresentative: ['法人', '法定代表人', '法人代表', 'legalrepresentative'],
  registeredCapital: ['注册资金', '注册资本', 'registeredcapital'],
  annualTurnover: ['年营业额', '营业额', 'annualturnover', 'turnover'],
  bank: ['开户银行', '开户行', 'bank'],
  bankAccount: ['银行帐号', '银行账号', '账号', 'bankaccount'],
  localTaxNo: ['地税登记号', 'localtaxno'],
  nationalTaxNo: ['国税登记号', 'nationaltaxno'],
  contactName: ['联系人', '联系人姓名', 'contact', 'contactname'],
  contactSex: ['性别', '联系人性别', 'sex', 'gender', 'contactsex'],
  contactPosition: ['职位', '职务', '联系人职位', 'position', 'jobtitle', 'contactposition'],
  contactOfficePhone: ['办公电话', '联系电话', '联系人电话', 'officephone', 'contactphone', 'contactofficephone'],
  contactMobile: ['手机', '手机号', '手机号码', '联系人手机', 'mobile', 'cellphone', 'contactmobile'],
};

/** 「客户名称*」, 「Registered capital (10k CNY)」, 「Credit code」 → 客户名称, registeredcapital, creditcode. */
const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .replace(/[(（][^)）]*[)）]/g, '')
    .replace(/[\s*_.\-:：]/g, '')
    .toLowerCase();

const BY_HEADER = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) => HEADERS[field].map((h) => [normaliseHeader(h), field] as const)),
);

/** The suggested mapping (docs/imports.md, rule 4): each field the first column whose header names it. */
export function suggestMapping(columns: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  for (const column of columns) {
    const field = BY_HEADER.get(normaliseHeader(column));
    if (field && !mapping[field]) mapping[field] = column;
  }
  return mapping;
}

export type Lookups = {
  regions: Map<string, number>;
  levels: Map<string, number>;
  /** By username and by display name; a display name two managers share is ambiguous. */
  managers: Map<string, number | 'ambiguous'>;
};

export type Plan = {
  columns: string[];
  mapping: ImportMapping;
  mode: 'create' | 'update' | 'upsert';
  matchOn: 'creditCode' | 'number' | 'name';
  defaults: ImportDefaults;
  lookups: Lookups;
};

export type Issue = Omit<ImportRowError, 'row'>;
type CreateValues = z.infer<typeof createCustomerBody>;
type UpdateValues = Omit<z.infer<typeof updateCustomerBody>, 'version'>;
type ContactValues = z.infer<typeof createContactBody>;

/** A row read: its values by field (empty cells absent) or what is wrong with it. */
export type ReadRow = {
  issues: Issue[];
  /** The values before the form's checks: ids for dictionary items and the manager, numbers for stars and money. */
  raw: Record<string, unknown>;
  /** The text matched on (docs/imports.md, rule 5), upper case for a credit code; null when the row has none. */
  key: string | null;
};

const FIELD_OF_PATH: Record<string, ImportField> = { regionId: 'region', levelId: 'level', managerId: 'manager' };
const CONTACT_FIELD: Record<string, ImportField> = {
  name: 'contactName',
  sex: 'contactSex',
  position: 'contactPosition',
  officePhone: 'contactOfficePhone',
  mobile: 'contactMobile',
};

const SEX: Record<string, 'male' | 'female'> = {
  男: 'male',
  女: 'female',
  male: 'male',
  female: 'female',
  m: 'male',
  f: 'female',
};

function issueOf(plan: Plan, field: ImportField, code: string, message: string): Issue {
  return { column: plan.mapping[field] ?? null, field, code, message };
}

/** Turns zod's complaints into the row's errors, each naming its column and field. */
function issuesOf(
  plan: Plan,
  error: z.ZodError,
  input: Record<string, unknown>,
  fieldOf: (path: string) => ImportField | undefined,
): Issue[] {
  return error.issues.map((i) => {
    const path = String(i.path[0] ?? '');
    const field = fieldOf(path) ?? (path as ImportField);
    const label = plan.mapping[field] ?? field;
    if (i.code === 'too_big' && 'maximum' in i) {
      return issueOf(plan, field, 'TOO_LONG', `「${label}」 is too long: at most ${String(i.maximum)} characters`);
    }
    if (input[path] === undefined || input[path] === null) {
      return issueOf(plan, field, 'REQUIRED', `「${label}」 is required: fill it in or choose a default`);
    }
    return issueOf(plan, field, 'INVALID', `「${label}」: ${i.message}`);
  });
}

/** The fields taken as text as they are: all but the key-only number, the looked-up, numeric and contact ones. */
const NOT_TEXT = new Set<ImportField>([
  'number',
  'region',
  'level',
  'manager',
  'satisfaction',
  'credit',
  ...CUSTOMER_AMOUNT_FIELDS,
]);
const TEXT_FIELDS = IMPORT_FIELDS.filter((f) => !NOT_TEXT.has(f) && !f.startsWith('contact'));

/** Reads a row's cells through the plan: the values it gives, and what it got wrong on the way (docs/imports.md). */
export function readRow(plan: Plan, cells: string[]): ReadRow {
  const issues: Issue[] = [];
  const raw: Record<string, unknown> = {};
  if (cells.length !== plan.columns.length) {
    issues.push({
      column: null,
      field: null,
      code: 'ROW_WIDTH',
      message: `The row has ${cells.length} cells where the header has ${plan.columns.length}: a cell is missing or extra`,
    });
    return { issues, raw, key: null };
  }
  const cell = (field: ImportField) => {
    const header = plan.mapping[field];
    if (!header) return '';
    return (cells[plan.columns.indexOf(header)] ?? '').trim();
  };
  for (const field of TEXT_FIELDS) {
    const v = cell(field);
    if (v) raw[field] = v;
  }
  for (const field of ['satisfaction', 'credit'] as const) {
    const v = cell(field);
    if (!v) continue;
    const n = Number(v);
    if (!Number.isInteger(n))
      issues.push(issueOf(plan, field, 'INVALID', `「${v}」 is not a whole number from 1 to 5`));
    else raw[field] = n;
  }
  for (const field of ['registeredCapital', 'annualTurnover'] as const) {
    const v = cell(field).replace(/[,，\s]/g, '');
    if (!v) continue;
    const n = Number(v);
    if (!Number.isFinite(n)) issues.push(issueOf(plan, field, 'INVALID', `「${cell(field)}」 is not an amount`));
    else raw[field] = n;
  }
  const dictionary = (field: 'region' | 'level', map: Map<string, number>, idField: string, what: string) => {
    const v = cell(field);
    if (!v) return;
    const found = map.get(v);
    if (found === undefined) {
      issues.push(issueOf(plan, field, 'UNKNOWN', `No ${what} 「${v}」 in the data dictionary`));
    } else raw[idField] = found;
  };
  dictionary('region', plan.lookups.regions, 'regionId', 'region');
  dictionary('level', plan.lookups.levels, 'levelId', 'customer level');
  const manager = cell('manager');
  if (manager) {
    const found = plan.lookups.managers.get(manager);
    if (found === undefined) {
      issues.push(
        issueOf(plan, 'manager', 'UNKNOWN', `No active manager 「${manager}」 (username or name) in your data scope`),
      );
    } else if (found === 'ambiguous') {
      issues.push(
        issueOf(plan, 'manager', 'AMBIGUOUS', `More than one manager is called 「${manager}」: give the username`),
      );
    } else raw.managerId = found;
  }
  const contactName = cell('contactName');
  if (contactName) {
    const sex = cell('contactSex');
    raw.contact = {
      name: contactName,
      sex: sex ? (SEX[sex.toLowerCase()] ?? sex) : undefined,
      position: cell('contactPosition') || undefined,
      officePhone: cell('contactOfficePhone') || undefined,
      mobile: cell('contactMobile') || null,
    };
  }
  const keyText = plan.matchOn === 'number' ? cell('number') : cell(plan.matchOn);
  const key = keyText ? (plan.matchOn === 'creditCode' ? keyText.toUpperCase() : keyText) : null;
  return { issues, raw, key };
}

/** The row as a new customer, defaults filling what it leaves empty, checked as the customer form checks. */
export function asNewCustomer(
  plan: Plan,
  read: ReadRow,
): { issues: Issue[] } | { values: CreateValues; contact: ContactValues | null } {
  const { contact, ...fields } = read.raw;
  const d = plan.defaults;
  const input = {
    ...fields,
    regionId: fields.regionId ?? d.regionId ?? undefined,
    levelId: fields.levelId ?? d.levelId ?? undefined,
    managerId: fields.managerId ?? d.managerId ?? undefined,
    satisfaction: fields.satisfaction ?? d.satisfaction ?? undefined,
    credit: fields.credit ?? d.credit ?? undefined,
  };
  const issues = [...read.issues];
  const parsed = createCustomerBody.safeParse(input);
  // a field whose cell was refused already is not reported again as missing
  const reported = new Set(issues.map((i) => i.field));
  if (!parsed.success) {
    issues.push(
      ...issuesOf(plan, parsed.error, input, (p) => FIELD_OF_PATH[p]).filter(
        (i) => !(i.code === 'REQUIRED' && reported.has(i.field)),
      ),
    );
  }
  let checkedContact: ContactValues | null = null;
  if (contact) {
    const c = createContactBody.safeParse(contact);
    if (c.success) checkedContact = c.data;
    else issues.push(...issuesOf(plan, c.error, contact as Record<string, unknown>, (p) => CONTACT_FIELD[p]));
  }
  if (issues.length || !parsed.success) return { issues };
  return { values: parsed.data, contact: checkedContact };
}

/** The row as changes to an existing customer: only the fields it fills, checked as an edit is checked. */
export function asChanges(plan: Plan, read: ReadRow): { issues: Issue[] } | { changes: UpdateValues } {
  const { contact: _contact, ...fields } = read.raw;
  if (read.issues.length) return { issues: read.issues };
  const parsed = updateCustomerBody.omit({ version: true }).safeParse(fields);
  if (!parsed.success) return { issues: issuesOf(plan, parsed.error, fields, (p) => FIELD_OF_PATH[p]) };
  const changes = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as UpdateValues;
  return { changes };
}

/** The fields a plan needs a column or a default for (docs/imports.md, rule 3), by mode. */
export function missingColumns(plan: Omit<Plan, 'lookups' | 'columns'>): ImportField[] {
  const missing: ImportField[] = [];
  const has = (f: ImportField) => Boolean(plan.mapping[f]);
  const matchField: ImportField = plan.matchOn;
  if (plan.mode !== 'create' && !has(matchField)) missing.push(matchField);
  if (plan.mode !== 'update') {
    if (!has('name')) missing.push('name');
    const d = plan.defaults;
    if (!has('region') && !d.regionId) missing.push('region');
    if (!has('level') && !d.levelId) missing.push('level');
    if (!has('manager') && !d.managerId) missing.push('manager');
    if (!has('satisfaction') && !d.satisfaction) missing.push('satisfaction');
    if (!has('credit') && !d.credit) missing.push('credit');
  }
  return [...new Set(missing)];
}

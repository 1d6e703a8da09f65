import type { z } from 'zod';

/**
 * Formats of phone numbers, postcodes and websites (issue 14, item 4): one definition for the server's schemas and
 * the web's forms, so that both refuse the same input with the same words. Each check takes trimmed, non-empty text.
 */

/** Digits with `+ - ( )` and spaces, then an optional extension: 「转 8001」, 「ext. 12」, 「x12」, 「#12」. */
const PHONE = /^\+?[\d\s()-]+?(?:\s*(?:转|ext\.?|x|#)\s*\d{1,6})?$/i;
const digitCount = (v: string) => v.replace(/\D/g, '').length;

/** An office or landline phone (also fax): 5 to 20 digits in all. */
export const isPhone = (v: string) => PHONE.test(v) && digitCount(v) >= 5 && digitCount(v) <= 20;

/** A mainland mobile: `1[3-9]` and 9 more digits, optionally after +86. */
const MAINLAND_MOBILE = /^(?:\+86[\s-]?)?1[3-9]\d{9}$/;
/** Another country's mobile: a leading `+` and its country code, 7 to 15 digits in all (E.164), spaces or dashes. */
const FOREIGN_MOBILE = /^\+(?!86)\d[\d\s-]*\d$/;
export const isMobile = (v: string) =>
  MAINLAND_MOBILE.test(v) || (FOREIGN_MOBILE.test(v) && digitCount(v) >= 7 && digitCount(v) <= 15);

/** A mainland postcode: 6 digits. */
export const isPostcode = (v: string) => /^\d{6}$/.test(v);

/** `www.example.com` → `http://www.example.com`: the scheme is added when missing. */
export const normaliseWebsite = (v: string) => (/^[a-z][a-z\d+.-]*:\/\//i.test(v) ? v : `http://${v}`);

/** A website: http(s), a host name with a dot (internationalised names too), nothing that is not a URL. */
export function isWebsite(v: string): boolean {
  if (/\s/.test(v)) return false;
  try {
    const url = new URL(normaliseWebsite(v));
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      !url.username &&
      !url.password &&
      /^(?:[a-z\d](?:[a-z\d-]*[a-z\d])?\.)+[a-z][a-z\d-]*[a-z\d]$/i.test(url.hostname)
    );
  } catch {
    return false;
  }
}

/** The 31 characters of a 统一社会信用代码 (GB 32100-2015): digits and capitals without I, O, S, V, Z. */
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/**
 * A 统一社会信用代码 (docs/product.md#customers, rule 10; GB 32100-2015): 18 characters of its alphabet — the registering
 * authority and kind, 6 digits of the administrative division, the 9-character organisation code — then the check
 * character: 31 − (Σ value × weight mod 31), 31 reading as 0. Lower case is accepted (stored upper case).
 */
export function isCreditCode(v: string): boolean {
  const code = v.toUpperCase();
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17];
}

/** The check character of a 统一社会信用代码's first 17 characters (upper case, of its alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_CHARS.indexOf(first17[i]!) * CREDIT_CODE_WEIGHTS[i]!;
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

/** The server's messages for these fields (the web shows its own translations, keyed by the same names). */
export const FORMAT_MESSAGES = {
  phone: 'Enter a phone number: digits, + - ( ) and spaces, optionally an extension',
  mobile: 'Enter a mobile number: 11 digits starting 13–19 (optionally +86), or + and the country code',
  postcode: 'Enter a postcode of 6 digits',
  website: 'Enter a website address, e.g. www.example.com',
  creditCode: 'Enter a valid 统一社会信用代码: 18 characters whose last one is its check character',
} as const;
export type FormatKind = keyof typeof FORMAT_MESSAGES;

export const FORMAT_CHECKS: Record<FormatKind, (v: string) => boolean> = {
  phone: isPhone,
  mobile: isMobile,
  postcode: isPostcode,
  website: isWebsite,
  creditCode: isCreditCode,
};

/** A text schema (null or absent meaning "none") that also refuses text not of the given format, naming it. */
export const formatted = <T extends z.ZodType<string | null | undefined>>(schema: T, kind: FormatKind) =>
  schema.refine((v) => v === null || v === undefined || FORMAT_CHECKS[kind](v), { message: FORMAT_MESSAGES[kind] });

import { describe, expect, it } from 'vitest';
import { contentDisposition } from './export.ts';

describe('contentDisposition (RFC 6266, RFC 5987)', () => {
  it('gives an ASCII fallback name and the UTF-8 name percent-encoded', () => {
    expect(contentDisposition('customer-churn.csv', '客户流失分析.csv')).toBe(
      `attachment; filename="customer-churn.csv"; filename*=UTF-8''%E5%AE%A2%E6%88%B7%E6%B5%81%E5%A4%B1%E5%88%86%E6%9E%90.csv`,
    );
  });

  it('encodes what RFC 5987 does not allow in a value and keeps quotes out of the fallback', () => {
    expect(contentDisposition('a "b".csv', "报表 (1)'s.csv")).toBe(
      `attachment; filename="a__b_.csv"; filename*=UTF-8''%E6%8A%A5%E8%A1%A8%20%281%29%27s.csv`,
    );
  });
});

/** Yuan with two decimals, grouped the way the UI's language writes numbers. */
export const money = (n: number, lang: string) =>
  n.toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });

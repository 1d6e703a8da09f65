import { pinyin } from 'pinyin-pro';

/**
 * The pinyin forms of a name that global search matches (docs/search.md#pinyin): the full pinyin without tones or
 * spaces (北京九州 → beijingjiuzhou) and the initials (bjjz), each as the name's readings separated by a space.
 *
 * Rule 1: the first reading is pinyin-pro's reading in context (重庆银行 → chongqingyinhang; a person's surname read
 * as a surname: 曾 → zeng). Rule 2: a polyphonic character may match on any of its readings — the other readings
 * follow: every combination while there are at most MAX_COMBINATIONS, otherwise each other reading of one character
 * at a time. Letters and digits in the name stay (lower-cased); other characters are left out.
 */
export type PinyinForms = { pinyin: string; initials: string };

const MAX_COMBINATIONS = 16;
/** A name with very many polyphonic characters keeps the first readings up to this length of the column. */
const MAX_LENGTH = 2000;

/** Lower-cased letters and digits only; tone marks dropped (the dictionary's readings carry them). */
const keep = (s: string) =>
  s
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export function pinyinForms(name: string, kind: 'company' | 'person' = 'company'): PinyinForms {
  const items = pinyin(name, {
    type: 'all',
    toneType: 'none',
    nonZh: 'consecutive',
    ...(kind === 'person' ? { surname: 'head' as const } : {}),
  });
  // one item per Chinese character (its reading in context, then the dictionary's others) and one per run of other
  // characters (kept as they are, lower-cased: letters and digits only)
  const positions = items
    .map((item) => ({
      zh: item.isZh,
      readings: item.isZh ? unique([keep(item.pinyin), ...item.polyphonic.map(keep)]) : unique([keep(item.origin)]),
    }))
    .filter((p) => p.readings.length > 0);
  const readings = combinations(positions.map((p) => p.readings));
  const initialsOf = (variant: string[]) => variant.map((s, i) => (positions[i]!.zh ? s.slice(0, 1) : s)).join('');
  return {
    pinyin: clip(unique(readings.map((v) => v.join('')))),
    initials: clip(unique(readings.map(initialsOf))),
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items.filter((s) => s.length > 0))];
}

function clip(variants: string[]): string {
  let out = '';
  for (const v of variants) {
    const next = out ? `${out} ${v}` : v;
    if (next.length > MAX_LENGTH) break;
    out = next;
  }
  return out;
}

/** The readings of the whole name: the first of every position first, then the others (docs/search.md#pinyin). */
function combinations(positions: string[][]): string[][] {
  const base = positions.map((p) => p[0] ?? '');
  const count = positions.reduce((n, p) => n * Math.max(p.length, 1), 1);
  if (count <= MAX_COMBINATIONS) {
    let acc: string[][] = [[]];
    for (const p of positions) acc = acc.flatMap((prefix) => (p.length ? p : ['']).map((r) => [...prefix, r]));
    return acc;
  }
  const out = [base];
  positions.forEach((p, i) => p.slice(1).forEach((r) => out.push(base.map((b, j) => (j === i ? r : b)))));
  return out;
}

import { describe, expect, it } from 'vitest';
import { pinyinForms } from './pinyin.ts';

describe('the pinyin forms of a name (docs/search.md#pinyin)', () => {
  it('reads a name in context first: full pinyin without tones or spaces, and the initials', () => {
    expect(pinyinForms('北京九州医疗器械有限公司')).toEqual({
      pinyin: 'beijingjiuzhouyiliaoqixieyouxiangongsi',
      initials: 'bjjzylqxyxgs',
    });
  });

  it('adds the other readings of polyphonic characters, the reading in context first', () => {
    const { pinyin, initials } = pinyinForms('重庆银行');
    expect(pinyin.split(' ')[0]).toBe('chongqingyinhang');
    expect(pinyin.split(' ')).toEqual(expect.arrayContaining(['zhongqingyinhang', 'chongqingyinxing']));
    expect(initials.split(' ')).toEqual(expect.arrayContaining(['cqyh', 'zqyh', 'cqyx']));
  });

  it('reads a person’s surname as a surname', () => {
    expect(pinyinForms('曾乐', 'person').pinyin.split(' ')[0]).toBe('zengle');
    expect(pinyinForms('单雄信', 'person').pinyin.split(' ')[0]).toBe('shanxiongxin');
  });

  it('keeps letters and digits as they are (lower-cased) and leaves other characters out', () => {
    expect(pinyinForms('ABC·北京3号')).toEqual({ pinyin: 'abcbeijing3hao', initials: 'abcbj3h' });
    expect(pinyinForms('（）·')).toEqual({ pinyin: '', initials: '' });
  });

  it('stays bounded for a name of many polyphonic characters', () => {
    const { pinyin, initials } = pinyinForms(
      '长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长长',
    );
    expect(pinyin.length).toBeLessThanOrEqual(2000);
    expect(initials.split(' ').length).toBeGreaterThan(1);
  });
});

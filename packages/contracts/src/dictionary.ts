import { z } from 'zod';
import { pageQuery, textFilter } from './common.ts';

/**
 * The dictionary types the system itself uses (docs/product.md#data-dictionary, rule 2, Base data), with their Chinese
 * names.
 */
export const SYSTEM_DICTIONARY_TYPES = {
  region: '地区',
  customerLevel: '企业客户等级',
  serviceType: '服务类型',
  opportunityStage: '销售阶段',
} as const;
export type SystemDictionaryType = keyof typeof SYSTEM_DICTIONARY_TYPES;

export const dictionaryEntry = z.object({
  id: z.number().int(),
  type: z.string(),
  item: z.string(),
  value: z.string(),
  editable: z.boolean(),
});
export type DictionaryEntry = z.infer<typeof dictionaryEntry>;

const type = z.string().trim().min(1).max(50);
const item = z.string().trim().min(1).max(100);
const value = z.string().trim().max(100);

export const dictionaryQuery = pageQuery.extend({ type: textFilter, item: textFilter });
export const createDictionaryBody = z
  .object({ type, item, value: value.default(''), editable: z.boolean().default(true) })
  .strict();
export type CreateDictionaryBody = z.infer<typeof createDictionaryBody>;
/** `editable` can only be turned off (docs/product.md#data-dictionary, rule 4: one way). */
export const updateDictionaryBody = z
  .object({
    type: type.optional(),
    item: item.optional(),
    value: value.optional(),
    editable: z.literal(false).optional(),
  })
  .strict();
export type UpdateDictionaryBody = z.infer<typeof updateDictionaryBody>;

import { describe, expect, it } from 'vitest';
import { testApp } from '../../test/factories.ts';

const { t, admin } = await testApp('admin');

const entryCount = async () =>
  Number((await t.database.query<{ n: number }>('select count(*)::int as n from dictionary_entries'))[0]!.n);

describe('data dictionary', () => {
  it('has the initial entries of docs/product.md#data-dictionary, rule 3, customer levels not editable', async () => {
    const levels = await admin.get('/dictionary?type=customerLevel');
    expect(levels.body.items.map((e: { item: string; value: string }) => `${e.item}:${e.value}`)).toEqual([
      '普通客户:1',
      '重点开发客户:2',
      '大客户:3',
      '合作伙伴:4',
      '战略合作伙伴:5',
    ]);
    expect(levels.body.items.every((e: { editable: boolean }) => !e.editable)).toBe(true);
    const services = await admin.get('/dictionary?type=serviceType');
    expect(services.body.items.map((e: { item: string }) => e.item)).toEqual(['咨询', '投诉', '建议']);
    const regions = await admin.get('/dictionary?type=region');
    expect(regions.body.items.map((e: { item: string }) => e.item)).toEqual(['北京', '华北', '中南', '东北', '西部']);
    // the pipeline's stages (docs/pipeline.md#stages, rule 1): editable, ordered by their value
    const stages = await admin.get('/dictionary?type=opportunityStage');
    expect(stages.body.items.map((e: { item: string; value: string }) => `${e.item}:${e.value}`)).toEqual([
      '初步接触:1',
      '需求确认:2',
      '方案报价:3',
      '商务谈判:4',
    ]);
    expect(stages.body.items.every((e: { editable: boolean }) => e.editable)).toBe(true);
    expect((await admin.get('/dictionary/types')).body).toEqual([
      'customerLevel',
      'opportunityStage',
      'region',
      'serviceType',
    ]);
  });

  it('lets every role read it, and only holders of dictionary.manage change it', async () => {
    const manager = await t.login('manager1');
    expect((await manager.get('/dictionary?type=region')).status).toBe(200);
    expect((await manager.post('/dictionary', { type: 'region', item: '华东' })).status).toBe(403);
    expect((await t.anonymous().get('/dictionary')).status).toBe(401);
    expect(await entryCount()).toBe(17);
  });

  it('adds, edits, locks and deletes an editable entry', async () => {
    const created = await admin.post('/dictionary', { type: 'region', item: '华东', value: '6', editable: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'region', item: '华东', value: '6', editable: true, inUse: false });
    const edited = await admin.patch(`/dictionary/${created.body.id}`, { item: '华东区' });
    expect(edited.body.item).toBe('华东区');
    const other = await admin.post('/dictionary', { type: '行业', item: '制造业' });
    expect(other.status).toBe(201);
    expect((await admin.get('/dictionary/types')).body).toContain('行业');
    expect((await admin.delete(`/dictionary/${other.body.id}`)).status).toBe(204);
    const locked = await admin.patch(`/dictionary/${created.body.id}`, { editable: false });
    expect(locked.body.editable).toBe(false);
    // one way: a locked entry is only viewed
    const again = await admin.patch(`/dictionary/${created.body.id}`, { item: 'x' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_STATE');
    expect((await admin.patch(`/dictionary/${created.body.id}`, { editable: true })).status).toBe(400);
    expect((await admin.delete(`/dictionary/${created.body.id}`)).status).toBe(409);
    expect((await admin.get(`/dictionary/${created.body.id}`)).body.item).toBe('华东区');
  });

  it('refuses duplicates and bad input, changing nothing', async () => {
    const before = await entryCount();
    const dup = await admin.post('/dictionary', { type: 'serviceType', item: '咨询' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.details[0].path).toBe('item');
    expect((await admin.post('/dictionary', { type: '', item: 'x' })).status).toBe(400);
    expect((await admin.post('/dictionary', { type: 'a', item: 'x', id: 5 })).status).toBe(400);
    expect((await admin.post('/dictionary', { type: 'a'.repeat(51), item: 'x' })).status).toBe(400);
    expect(await entryCount()).toBe(before);
  });

  it('refuses to delete an entry that data uses (409 IN_USE) and keeps it', async () => {
    const region = (await admin.get('/dictionary?type=region')).body.items[0];
    const level = (await admin.get('/dictionary?type=customerLevel')).body.items[0];
    const managerId = (await (await t.login('director')).get('/assignees')).body[0].id;
    await t.database.query(
      `insert into customers (number, name, region_id, level_id, manager_id) values ('KH20260101001', '测试公司', $1, $2, $3)`,
      [region.id, level.id, managerId],
    );
    const entry = (await admin.get(`/dictionary/${region.id}`)).body;
    expect(entry.inUse).toBe(true);
    const res = await admin.delete(`/dictionary/${region.id}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('IN_USE');
    expect((await admin.get(`/dictionary/${region.id}`)).status).toBe(200);
    expect((await admin.patch(`/dictionary/${region.id}`, { type: 'serviceType' })).body.error.code).toBe('IN_USE');
  });

  it('answers 404 for entries that do not exist', async () => {
    expect((await admin.delete('/dictionary/424242')).status).toBe(404);
    expect((await admin.patch('/dictionary/424242', { item: 'x' })).status).toBe(404);
  });
});

import { describe, expect, it } from 'vitest';
import {
  api,
  isPhone,
  layoutProblems,
  seriousA11yViolations,
  sharedPage,
  signIn,
  unexpectedProblems,
} from './browser.ts';

/**
 * Global search (docs/search.md): a manager opens the search with Ctrl+K (on a phone, the header's search icon),
 * types the pinyin initials of a customer's name, and Enter opens that customer's page.
 */
const { page } = await sharedPage();

/** Two characters chosen at random with their initials, so that a second run on the same data finds its own. */
const STEMS: [string, string][] = [
  ['甲', 'j'],
  ['乙', 'y'],
  ['丙', 'b'],
  ['丁', 'd'],
  ['戊', 'w'],
  ['庚', 'g'],
  ['辛', 'x'],
  ['壬', 'r'],
];
const pick = () => STEMS[Math.floor(Math.random() * STEMS.length)]!;

describe('the global search journey', () => {
  it('Ctrl+K (the search icon on a phone) → pinyin initials → Enter → the customer’s page', async () => {
    await signIn(page, 'manager1');
    const me = (await api(page, 'GET', '/auth/me')).user as { id: number };
    const dictionary = async (type: string) =>
      ((await api(page, 'GET', `/dictionary?type=${type}`)) as { items: { id: number }[] }).items[0]!.id;
    const [a, b, c] = [pick(), pick(), pick()];
    const name = `鹭岛翡翠${a[0]}${b[0]}${c[0]}光电有限公司`;
    const initials = `ldfc${a[1]}${b[1]}${c[1]}`;
    const created = (await api(page, 'POST', '/customers', {
      name,
      regionId: await dictionary('region'),
      levelId: await dictionary('customerLevel'),
      managerId: me.id,
      satisfaction: 3,
      credit: 3,
    })) as { id: number };

    await page.goto('/');
    await page.locator('h1').first().waitFor();
    if (isPhone) await page.getByRole('button', { name: '搜索', exact: true }).click();
    else await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: '全局搜索' });
    const box = dialog.getByRole('combobox');
    await box.waitFor();
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.pressSequentially(initials, { delay: 30 });
    const hit = dialog.getByRole('option', { name: new RegExp(name) });
    await hit.waitFor();
    expect(await dialog.getByRole('group', { name: '客户' }).isVisible()).toBe(true);
    expect(await hit.getAttribute('aria-selected')).toBe('true');
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await layoutProblems(page)).toEqual([]);

    await box.press('Enter');
    await page.waitForURL(`**/customers/${created.id}`);
    await expect.poll(() => page.locator('h1').first().textContent()).toContain(name);
    expect(await dialog.count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });

  it('↓ chooses the next result, and a search that finds nothing says so', async () => {
    await page.goto('/customers');
    await page.locator('h1').first().waitFor();
    if (isPhone) await page.getByRole('button', { name: '搜索', exact: true }).click();
    else await page.keyboard.press('Meta+k');
    const dialog = page.getByRole('dialog', { name: '全局搜索' });
    const box = dialog.getByRole('combobox');
    await box.fill('ldfc');
    await dialog.getByRole('option').first().waitFor();
    if ((await dialog.getByRole('option').count()) > 1) {
      await box.press('ArrowDown');
      expect(await dialog.getByRole('option').nth(1).getAttribute('aria-selected')).toBe('true');
    }
    await box.fill('qqqqzzzzxxxx');
    await dialog.getByText('没有找到匹配的记录').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(unexpectedProblems(page)).toEqual([]);
  });
});

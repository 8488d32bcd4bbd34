import assert from 'node:assert/strict';
import { formatMoney, parseMoney } from '@jc/domain';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

async function signIn(page: Page, base: string, role: 'ANALYST' | 'ADMIN' | 'CUSTOMER', customerId?: string): Promise<void> {
  await page.goto(`${base}sign-in`);
  await page.locator(`input[name=role][value=${role}]`).check();
  if (customerId) await page.locator('input[name=customerId]').fill(customerId);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.endsWith('/sign-in'));
}

/** "¥1,234.56" → fen. */
async function moneyOf(page: Page, testId: string): Promise<number> {
  const text = (await page.getByTestId(testId).textContent()) ?? '';
  return parseMoney(text.replace(/[¥,\s]/g, ''));
}

/**
 * Today's exposure as the allocation counts it: the product limits of every open line (they may
 * add up to more than the joint limits, which cap their sum). As a budget it is always feasible:
 * no line has to go below what it has.
 */
async function productLimits(base: string): Promise<number> {
  const minted = await fetch(`${base}dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'ANALYST' }) });
  const { token } = (await minted.json()) as { token: string };
  const res = await fetch(`${base}graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ portfolioSummary { byProduct { limit } } }' }),
  });
  const body = (await res.json()) as { data: { portfolioSummary: { byProduct: Array<{ limit: string }> } } };
  return body.data.portfolioSummary.byProduct.reduce((sum, p) => sum + parseMoney(p.limit), 0);
}

async function chartsRendered(page: Page, panelTestId: string, atLeast: number): Promise<void> {
  await page.waitForFunction(
    ([id, n]) => document.querySelectorAll(`[data-testid="${id}"] svg.recharts-surface`).length >= (n as number),
    [panelTestId, atLeast] as const,
  );
}

/** An analyst signs in, opens a customer and sees the score, the behaviour charts and the line; every page renders, an allocation simulation runs. */
export async function analystJourney(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}sign-in`);
  await page.locator('input[name=role][value=ANALYST]').waitFor();
  await screenshot(page, 'sign-in');
  await signIn(page, base, 'ANALYST');
  await page.waitForURL(/\/customers$/);
  const links = page.locator('table a[href^="/customers/c_"]');
  await links.first().waitFor();
  const ids = await links.allTextContents();
  assert.ok(ids.length >= 2, 'the customer list shows customers');
  await screenshot(page, 'customer-search');

  await links.first().click();
  await page.getByTestId('score').waitFor();
  assert.match((await page.getByTestId('score').textContent()) ?? '', /^\d{3}$/);
  assert.match((await page.getByTestId('grade').textContent()) ?? '', /^[A-E]$/);
  assert.match((await page.getByTestId('pd').textContent()) ?? '', /%$/);
  assert.ok((await page.getByTestId('reason-codes').locator('li').count()) > 0, 'reason codes are listed');
  await page.getByTestId('effective-joint-limit').waitFor();
  assert.ok((await moneyOf(page, 'effective-joint-limit')) > 0, 'the line has a limit');
  await chartsRendered(page, 'behaviour-panel', 2);
  await chartsRendered(page, 'line-panel', 1);
  await screenshot(page, 'customer-360');

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Credit line' }).waitFor();
  await screenshot(page, 'customer-360-en');
  await page.getByRole('button', { name: '中文' }).click();

  await page.goto(`${base}portfolio`);
  await page.getByTestId('portfolio-lines').waitFor();
  assert.ok((await moneyOf(page, 'granted-exposure')) > 0, 'the portfolio shows granted exposure');
  await chartsRendered(page, 'pd-histogram', 1);
  await screenshot(page, 'portfolio');

  await page.goto(`${base}campaigns`);
  await page.getByTestId('peak-calendar').locator('li').first().waitFor();
  await page.getByTestId('campaign-list').locator('table, p').first().waitFor();
  assert.equal(await page.getByTestId('create-campaign').count(), 0, 'an analyst is not offered campaign creation');
  await screenshot(page, 'campaigns-analyst');

  await page.goto(`${base}models`);
  await page.getByTestId('psi').waitFor();
  assert.equal(await page.getByRole('button', { name: '晋升为冠军' }).count(), 0, 'an analyst is not offered promotion');
  await screenshot(page, 'models');

  await page.goto(`${base}allocation`);
  await page.getByTestId('simulation-list').locator('table, p').first().waitFor();
  await page.locator('input[name=budget]').fill(formatMoney(await productLimits(base)));
  await page.getByRole('button', { name: '运行模拟' }).click();
  await chartsRendered(page, 'simulation-result', 2);
  assert.equal(await page.getByRole('button', { name: '应用到全部额度' }).count(), 0, 'an analyst is not offered apply');
  await screenshot(page, 'allocation');
  return ids;
}

/** An admin creates an uplift campaign and the customer's effective limit rises by its amount. */
export async function adminCampaignJourney(page: Page, base: string, customerId: string): Promise<void> {
  await signIn(page, base, 'ADMIN');
  await page.goto(`${base}customers/${customerId}`);
  await page.getByTestId('effective-joint-limit').waitFor();
  const before = await moneyOf(page, 'effective-joint-limit');

  await page.goto(`${base}campaigns`);
  const name = `e2e uplift ${Date.now()}`;
  const form = page.getByTestId('create-campaign');
  await form.locator('input[name=name]').fill(name);
  await form.locator('input[name=amount]').fill('1000');
  await page.getByTestId('peak-calendar').locator('li').first().waitFor();
  await form.locator('button[type=submit]').click();
  await page.getByTestId('campaign-created').waitFor();
  await page.getByTestId('campaign-list').getByText(name).waitFor();
  await screenshot(page, 'campaigns-admin');

  await page.goto(`${base}customers/${customerId}`);
  await page.getByTestId('uplifts').getByText(name).waitFor();
  const after = await moneyOf(page, 'effective-joint-limit');
  assert.equal(after - before, 100_000, `the effective joint limit rose by ¥1,000 (before ${before}, after ${after} fen)`);
  await screenshot(page, 'customer-360-after-campaign');
}

/** A customer sees their own page only: the console refuses another's, and so does the API. */
export async function customerJourney(page: Page, base: string, ownId: string, otherId: string): Promise<void> {
  await signIn(page, base, 'CUSTOMER', ownId);
  await page.waitForURL(new RegExp(`/customers/${ownId}$`));
  await page.getByTestId('score').waitFor();
  assert.equal(await page.locator('nav[aria-label=main] a').count(), 1, 'a customer has one page');
  await screenshot(page, 'customer-own');

  await page.goto(`${base}customers/${otherId}`);
  await page.getByTestId('forbidden').waitFor();
  await screenshot(page, 'customer-other-forbidden');

  const code = await page.evaluate(async (id) => {
    const token = window.sessionStorage.getItem('jc.console.token');
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query($id: ID!) { customer(id: $id) { creditProfile { score } } }', variables: { id } }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code ?? null;
  }, otherId);
  assert.equal(code, 'FORBIDDEN', "the API refuses another customer's data");

  await page.goto(`${base}portfolio`);
  await page.getByTestId('forbidden').waitFor();
}

import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { randomPhone } from '../support/identity.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

const admin = { email: 'console@zefy.test', password: `pw-${randomUUID()}` };
let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({ env: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password } }),
    launchChromium(),
  ]);
  // the console picks a new partner's hub and services from the city's
  await platform.seedDemoCity();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function open(
  path: string,
  viewport = { width: 390, height: 844 },
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${platform.baseUrl}${path}`);
  return { page, errors };
}

/** Types the phone, asks for a code, reads it from the development panel and logs in. */
async function logInByPhone(page: Page, phone: string): Promise<void> {
  await page.getByLabel('Mobile number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  const code = (await page.getByTestId('dev-sms-code').textContent()) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Log in' }).click();
}

it('signs a new customer up by phone in the user app, keeps the login across a reload, and logs out', async () => {
  const { page, errors } = await open('/account');
  const phone = randomPhone();
  await logInByPhone(page, phone.replace('+91', '+91 '));
  const shown = `+91 ${phone.slice(3, 8)} ${phone.slice(8)}`;
  await expect.poll(() => page.getByTestId('account-phone').textContent()).toBe(shown);

  await page.getByLabel('Your name').fill('Asha Rao');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Asha Rao');

  await page.reload();
  await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Asha Rao');
  const stored = await page.evaluate<string | null>("localStorage.getItem('zefy.user.session')");
  const { accessToken } = JSON.parse(stored ?? '{}') as { accessToken: string };

  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Send code' }).waitFor();
  const afterLogout = await fetch(`${platform.baseUrl}/api/v1/me`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  expect(afterLogout.status).toBe(401);
  expect(errors).toEqual([]);
  await page.context().close();
});

it('says what is wrong with a mobile number in plain words, on the field', async () => {
  const { page, errors } = await open('/account');
  await page.getByLabel('Mobile number').fill('12345 67890');
  await page.getByRole('button', { name: 'Send code' }).click();
  const fieldError = page.getByTestId('phone-login').getByTestId('field-error');
  await fieldError.waitFor();
  expect(await fieldError.textContent()).not.toMatch(/body\.|phone must/);
  expect(await page.getByLabel('Mobile number').getAttribute('aria-invalid')).toBe('true');
  expect(errors).toEqual([]);
  await page.context().close();
});

it('lets an admin approve a partner in the console, who can then log in to the partner app', async () => {
  const phone = randomPhone();
  const { page: console_, errors } = await open('/admin/', { width: 1280, height: 900 });
  await console_.getByLabel('Email').fill(admin.email);
  await console_.getByLabel('Password').fill('wrong password');
  await console_.getByRole('button', { name: 'Log in' }).click();
  await expect
    .poll(() => console_.getByTestId('error-banner').textContent())
    .toContain('Email or password is not correct');
  await console_.getByLabel('Password').fill(admin.password);
  await console_.getByRole('button', { name: 'Log in' }).click();
  await console_.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

  await console_.getByRole('navigation').getByRole('link', { name: 'Partners' }).click();
  await console_.getByRole('heading', { level: 1, name: 'Partners' }).waitFor();
  await console_.getByRole('link', { name: 'New partner' }).click();
  await console_.getByLabel('Name').fill('Suresh Babu');
  await console_.getByLabel('Mobile number').fill(phone);
  await console_.getByLabel('Home hub').selectOption({ label: 'Koramangala, Bengaluru' });
  await console_.getByLabel('Split AC service').check();
  await console_.getByRole('button', { name: 'Create partner' }).click();
  const row = console_.getByTestId('partner-row').filter({ hasText: 'Suresh Babu' });
  await expect.poll(() => row.getByTestId('partner-status').textContent()).toBe('pending');

  await row.getByRole('button', { name: 'Approve' }).click();
  await row.waitFor({ state: 'detached' });
  await console_.getByLabel('Status').selectOption('');
  await expect.poll(() => row.getByTestId('partner-status').textContent()).toBe('approved');
  await console_.screenshot({
    path: `${import.meta.dirname}/screenshots/admin-partners.png`,
    fullPage: true,
  });

  const { page: partnerApp } = await open('/partner/');
  await partnerApp.getByRole('heading', { level: 1, name: 'Partner login' }).waitFor();
  await logInByPhone(partnerApp, phone);
  await partnerApp.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await partnerApp
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Profile' })
    .click();
  await expect.poll(() => partnerApp.getByTestId('partner-name').textContent()).toBe('Suresh Babu');
  await partnerApp.screenshot({
    path: `${import.meta.dirname}/screenshots/partner-signed-in.png`,
    fullPage: true,
  });

  // suspending ends the partner's session at once: the app falls back to its login screen on the next call
  await row.getByRole('button', { name: 'Suspend' }).click();
  await row.getByLabel('Reason for suspending').fill('Documents expired');
  await row.getByRole('button', { name: 'Confirm suspension' }).click();
  await expect.poll(() => row.getByTestId('partner-status').textContent()).toBe('suspended');
  await partnerApp.reload();
  await partnerApp.getByRole('heading', { level: 1, name: 'Partner login' }).waitFor();

  expect(errors).toEqual([]);
  await Promise.all([console_.context().close(), partnerApp.context().close()]);
});

import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCustomerBooking, openSignedIn, phone } from '../support/apps.ts';
import { expectAccessible } from '../support/axe.ts';
import { launchChromium } from '../support/chromium.ts';
import { jobAt } from '../support/job-http.ts';
import { jobWalkedTo } from '../support/job-steps.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';

let platform: TestPlatform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([
    startPlatform({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('extras in the partner and customer apps', () => {
  it('the partner adds an extra during the job, the customer approves it with the running total, and the partner sees it approved', async () => {
    const customer = { role: 'customer' as const, id: randomUUID() };
    const bookingId = await jobWalkedTo(platform, customer, 'in_progress');
    const customerToken = await platform.tokenFor('customer', customer.id);
    const partnerId = (await jobAt(platform.baseUrl).booking(customerToken, bookingId)).partner?.id;

    const partnerApp = await openSignedIn(
      browser,
      platform,
      `${platform.baseUrl}/partner/jobs/${bookingId}`,
      { role: 'partner', id: partnerId },
      { viewport: phone },
    );
    const form = partnerApp.page.getByTestId('add-extra-form');
    await form.waitFor();
    await form.getByLabel('Material').check();
    await form.getByTestId('extra-description').fill('Descaling liquid');
    // not an amount: said on the field, nothing sent
    await form.getByTestId('extra-amount').fill('lots');
    await form.getByTestId('add-extra').click();
    await form.getByText('Enter an amount like 250 or 99.50').waitFor();
    await form.getByTestId('extra-amount').fill('250');
    await form.getByTestId('add-extra').click();
    const partnerExtra = partnerApp.page.getByTestId('job-extra');
    await partnerExtra.getByText('Waiting for the customer').waitFor();
    await expectAccessible(partnerApp.page, 'job: extra proposed');

    const customerApp = await openCustomerBooking(browser, platform, customer.id, bookingId);
    const extras = customerApp.page.getByTestId('job-extras');
    await extras.waitFor();
    expect(await extras.getByTestId('extras-total').textContent()).toContain('₹0');
    await expectAccessible(customerApp.page, 'booking: extra proposed');
    await extras.getByTestId('approve-extra').click();
    await extras.locator('[data-testid=job-extra][data-status=approved]').waitFor();
    expect(await extras.getByTestId('extras-total').textContent()).toContain('₹250');

    // the approval reaches the partner's screen over the booking channel
    await partnerExtra.getByText('Approved').waitFor();
    expect([...partnerApp.errors, ...customerApp.errors]).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { formatSlug } from './label.ts';

describe('formatSlug', () => {
  it('turns a category slug into a label', () => {
    expect(formatSlug('appliance-repair')).toBe('Appliance repair');
    expect(formatSlug('cleaning')).toBe('Cleaning');
  });
});

import { BookingStatus } from '@zefy/contracts';
import { describe, expect, it } from 'vitest';
import componentsCss from './styles/components.css?raw';
import tokensCss from './styles/tokens.css?raw';

const [lightTokens = '', darkTokens = ''] = tokensCss.split('@media (prefers-color-scheme: dark)');
const statuses = BookingStatus.anyOf.map((literal) => literal.const);

function colour(tokens: string, name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-f]{6});`).exec(tokens);
  if (!match?.[1]) throw new Error(`no --${name}`);
  return match[1];
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r = 0, g = 0, bl = 0] = [1, 3, 5].map((at) => {
      const channel = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('status badges', () => {
  it.each(statuses)('%s has its own colours, readable in both themes', (status) => {
    expect(componentsCss).toContain(`.zf-badge[data-status="${status}"]`);
    for (const tokens of [lightTokens, darkTokens])
      expect(
        contrast(colour(tokens, `zf-status-${status}`), colour(tokens, `zf-status-${status}-bg`)),
      ).toBeGreaterThanOrEqual(4.5);
  });
});

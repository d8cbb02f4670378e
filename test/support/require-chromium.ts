import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { chromiumPath } from './chromium.ts';

/** Browser tests fail loudly without Chromium rather than skip, so a green run always means they ran. */
export default async function requireChromium(): Promise<void> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new Error(
      `Chromium not found at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`,
    );
  }
}

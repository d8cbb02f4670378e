// Renders each installable app's public/icon.svg to the PNG icons its manifest and index.html name, and the
// user app's favicon.ico (pages without an icon of their own, like the checkout, ask the origin's root for
// one). Chromium draws them; no network, no image library. Usage: npx tsx scripts/generate-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { launchChromium } from '../test/support/chromium.ts';

const apps = ['user-web', 'partner-web'];
const brand = '#4338ca';
const icons = [
  { file: 'icon-192.png', size: 192, isMaskable: false },
  { file: 'icon-512.png', size: 512, isMaskable: false },
  { file: 'apple-touch-icon.png', size: 180, isMaskable: true },
  // maskable: the platform crops to a circle or a squircle, so the mark sits in the middle 80% on brand colour
  { file: 'icon-maskable-512.png', size: 512, isMaskable: true },
];

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const app of apps) {
    const publicDir = path.resolve(import.meta.dirname, '..', 'apps', app, 'public');
    const svg = await readFile(path.join(publicDir, 'icon.svg'), 'utf8');
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    for (const icon of icons) {
      const inset = icon.isMaskable ? Math.round(icon.size * 0.1) : 0;
      await page.setViewportSize({ width: icon.size, height: icon.size });
      await page.setContent(
        `<body style="margin:0;background:${icon.isMaskable ? brand : 'transparent'}">` +
          `<img src="${source}" style="display:block;margin:${inset}px;width:${icon.size - 2 * inset}px;height:${icon.size - 2 * inset}px"></body>`,
      );
      await page.screenshot({ path: path.join(publicDir, icon.file), omitBackground: !icon.isMaskable });
      console.log(`${app}/public/${icon.file}`);
    }
    if (app === 'user-web') {
      await page.setViewportSize({ width: 32, height: 32 });
      await page.setContent(
        `<body style="margin:0"><img src="${source}" style="display:block;width:32px;height:32px"></body>`,
      );
      await writeFile(
        path.join(publicDir, 'favicon.ico'),
        icoOf(await page.screenshot({ omitBackground: true }), 32),
      );
      console.log(`${app}/public/favicon.ico`);
    }
  }
} finally {
  await browser.close();
}

/** An .ico holding one PNG image (a format every browser reads): a 6-byte header and a 16-byte entry. */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // an icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // where the image starts
  return Buffer.concat([header, png]);
}

// check.mjs: drives /usr/bin/chromium through playwright-core over pages rendered by
// 'teikit render --to html' and checks what a reader does: every request stays on the page's
// own file, persons index links land on their mentions, footnote links go both ways, the view
// switch changes the text shown, the page fits a phone; takes screenshots and prints PDFs.
// One browser for everything (Chromium takes seconds to start here).
// Usage: node check.mjs NODE_MODULES_PARENT OUTDIR [--canary PAGE] [--pdf PAGE]... PAGE...
// --canary: a page that fetches something: the request check must catch it.
// --pdf: print PAGE to OUTDIR/NAME.pdf (print media: what a reader's printer gets).
// Prints "ok: ..." / "FAIL: ..." lines; exits 1 when something failed.
import { createRequire } from 'node:module';
import path from 'node:path';

const [modules, outDir, ...rest] = process.argv.slice(2);
const pages = [], pdfs = [], canaries = [];
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--pdf') pdfs.push(rest[++i]);
  else if (rest[i] === '--canary') canaries.push(rest[++i]);
  else pages.push(rest[i]);
}
const { chromium } = createRequire(path.resolve(modules) + '/')('playwright-core');

let failures = 0;
const ok = (msg) => console.log(`ok: ${msg}`);
const fail = (msg) => { failures++; console.log(`FAIL: ${msg}`); };
const check = (cond, msg) => (cond ? ok(msg) : fail(msg));

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const file of canaries) {
    const page = await browser.newPage();
    const url = 'file://' + path.resolve(file);
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    check(requests.some((u) => u.split('#')[0] !== url), `canary ${path.basename(file)}: its fetch is seen`);
    await page.close();
  }
  for (const file of pdfs) {
    const page = await browser.newPage();
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    await page.pdf({ path: path.join(outDir, path.basename(file, '.html') + '.pdf'), format: 'A4' });
    ok(`${path.basename(file)}: printed`);
    await page.close();
  }
  for (const file of pages) {
    const name = path.basename(file, '.html');
    const url = 'file://' + path.resolve(file);
    for (const width of [1200, 390]) {          // a desktop and a phone
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      const requests = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url, { waitUntil: 'load' });

      // nothing leaves the page: every request is the page itself (or a fragment of it)
      const foreign = requests.filter((u) => u.split('#')[0] !== url);
      check(foreign.length === 0, `${name}@${width}: no request leaves the page (${foreign.slice(0, 3).join(' ')})`);

      // nothing wider than the screen on a phone
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 1, `${name}@${width}: no horizontal scrolling (${overflow}px too wide)`);

      if (width === 1200 && !(await page.$('#tk-view-norm'))) {
        fail(`${name}: not a teikit page (no view switch)`);
      } else if (width === 1200) {
        // every in-page link has its target
        const broken = await page.$$eval('a[href^="#"]', (as) =>
          as.map((a) => a.getAttribute('href').slice(1)).filter((id) => !document.getElementById(id)));
        check(broken.length === 0, `${name}: all in-page links resolve (${broken.slice(0, 3).join(' ')})`);

        // persons index -> mention -> index
        const entries = await page.$$('#tk-persons li');
        if (entries.length > 0) {
          const link = await page.$('#tk-persons li.mention a');
          const target = (await link.getAttribute('href')).slice(1);
          await link.click();
          check(await page.evaluate(() => location.hash.slice(1)) === target, `${name}: index link goes to a mention`);
          const mention = await page.$(`#${target}`);
          check(await mention.isVisible(), `${name}: the mention is visible`);
          const title = await mention.getAttribute('title');
          check(title && title.length > 0, `${name}: the mention names the full name on hover (${title})`);
          await mention.click();
          const back = await page.evaluate(() => location.hash.slice(1));
          check(back.startsWith('tk-p-') && !!(await page.$(`#${back} li.mention a[href="#${target}"]`)),
                `${name}: the mention links back to its index entry`);
        } else {
          ok(`${name}: no persons to index`);
        }

        // footnotes both ways: marker -> note -> marker
        // (a marker whose note has no text links nowhere; the diplomatic view may show only
        // such markers, the editorial notes being markers of the normalized view: then the
        // check runs in the normalized view)
        const markers = await page.$$('sup.fnref a[href]');
        let m = null;
        for (const cand of markers) if (await cand.isVisible()) { m = cand; break; }
        let switched = false;
        if (!m && markers.length > 0 && (await page.$('#tk-view-norm'))) {
          await page.click('label[for="tk-view-norm"]');
          switched = true;
          for (const cand of markers) if (await cand.isVisible()) { m = cand; break; }
        }
        if (markers.length === 0) {
          ok(`${name}: no footnotes`);
        } else if (!m) {
          fail(`${name}: none of ${markers.length} footnote markers is visible`);
        } else {
          const mid = await m.getAttribute('id');
          const nid = (await m.getAttribute('href')).slice(1);
          await m.click();
          check(await page.evaluate(() => location.hash.slice(1)) === nid, `${name}: marker goes to its note`);
          check(await (await page.$(`#${nid}`)).isVisible(), `${name}: the note is visible`);
          const back = await page.$(`#${nid} a.fnlabel`);
          check(back && (await back.getAttribute('href')) === `#${mid}`, `${name}: the note links back to its marker`);
          await back.click();
          check(await page.evaluate(() => location.hash.slice(1)) === mid, `${name}: back link returns to the marker`);
        }
        if (switched) await page.click('label[for="tk-view-dipl"]');

        // facsimile: each page image shows (decoded, not empty) beside the text: right of
        // the paragraphs' left edge, overlapping their band vertically
        const imgs = await page.$$('.facs img');
        for (const img of imgs) {
          const box = await img.boundingBox();
          const natural = await img.evaluate((i) => i.complete && i.naturalWidth > 0);
          const para = await page.$eval('article.tei-text p', (p) => { const r = p.getBoundingClientRect(); return { x: r.x, w: r.width }; });
          check(natural && box && box.width >= 40 && box.height >= 40 && box.x > para.x + 100,
                `${name}: page image visible beside the text (${box ? Math.round(box.x) + ',' + Math.round(box.width) + 'x' + Math.round(box.height) : 'none'})`);
        }
        // apparatus: a marker in the text goes to its entry, the entry back to the marker
        const appref = await page.$('sup.appref a[href]');
        if (appref) {
          const aid = await appref.getAttribute('id');
          const eid = (await appref.getAttribute('href')).slice(1);
          await appref.click();
          check(await (await page.$(`#${eid}`)).isVisible(), `${name}: apparatus marker goes to a visible entry`);
          const txt = await page.innerText(`#${eid}`);
          check(txt.includes(']'), `${name}: the apparatus entry has lemma and readings (${txt.trim()})`);
          await page.click(`#${eid} a.fnlabel`);
          check(await page.evaluate(() => location.hash.slice(1)) === aid, `${name}: the entry links back to its marker`);
          await page.evaluate(() => window.scrollTo(0, 0));
        }

        // the view switch changes the text shown
        await page.evaluate(() => window.scrollTo(0, 0));
        const before = await page.innerText('main');
        // what differs between the views: elements shown in one view only, with text
        const differs = await page.$$eval('main .dipl, main .norm', (els) => els.some((e) => e.textContent.trim() !== ''));
        await page.click('label[for="tk-view-norm"]');
        const after = await page.innerText('main');
        if (differs) check(before !== after, `${name}: the normalized view shows a different text`);
        else check(before === after, `${name}: nothing editorial, both views read alike`);
        if (before.includes('com[munist]'))
          check(after.includes('communist') && !after.includes('com[munist]'),
                `${name}: expansions lose their brackets in the normalized view`);
        await page.screenshot({ path: path.join(outDir, `${name}-normalized.png`), fullPage: false });
        await page.click('label[for="tk-view-dipl"]');
        check(await page.innerText('main') === before, `${name}: switching back restores the diplomatic text`);
        await page.screenshot({ path: path.join(outDir, `${name}.png`), fullPage: false });
      } else {
        await page.screenshot({ path: path.join(outDir, `${name}-phone.png`), fullPage: false });
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`browser: ${failures} failed`);
process.exit(failures ? 1 : 0);

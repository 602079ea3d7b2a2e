#!/usr/bin/env node
// Browser checks of every page family of the Paris Call Observatory.
//
//   node tools/browser-checks/check.mjs [BASE_URL]
//
// BASE_URL: first argument, else env BASE_URL, else http://127.0.0.1:8080.
//
// For each page below:
//   * axe: the page is loaded in Debian's Chromium (playwright-core, /usr/bin/chromium or env
//     CHROMIUM_PATH) and axe-core runs with the WCAG 2.0/2.1/2.2 A and AA tags in the light and the
//     dark colour scheme, at 1280 px and at 375 px wide: 0 violations expected. The HTTP status must
//     be the expected one, every subresource (CSS…) must load and the console must show no error
//     (such as a Content-Security-Policy violation).
//   * html: the HTML the server sends is validated by the Nu Html Checker (npm vnu-jar, run with
//     `java`): 0 errors expected (warnings are not reported).
// Screenshots (light and dark, 1280 and 375 px) go to env SCREENSHOT_DIR
// (default /tmp/browser-check-shots), for humans to look at.
//
// Prints a report per page and ends with `browser checks: N passed, N failed` (two checks per
// page). Exits 1 if any check failed, 2 if the checks could not run at all.

import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const AXE_PATH = join(here, 'node_modules', 'axe-core', 'axe.min.js');
const VNU_JAR = join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOT_DIR || '/tmp/browser-check-shots';
const BASE = (process.argv[2] || process.env.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const AXE_TIMEOUT_MS = 240_000; // /supporters has 1,222 rows: axe takes a while there
const NAV_TIMEOUT_MS = 60_000;
const SHOT_MAX_HEIGHT = 6_000; // px; longer pages are cut (a full /supporters is ~100,000 px)
const WIDTHS = [1280, 375];
const SCHEMES = ['light', 'dark'];

// [path, expected HTTP status, short name used for files]
const PAGES = [
  ['/', 200, 'home'],
  ['/principles', 200, 'principles'],
  ['/principles/5', 200, 'principle-5'],
  ['/supporters', 200, 'supporters'],
  ['/supporters?category=state&country=fr', 200, 'supporters-filtered'],
  ['/supporters/microsoft-private-sector-usa', 200, 'supporter'],
  ['/countries', 200, 'countries'],
  ['/countries/us', 200, 'country-us'],
  ['/non-signatories', 200, 'non-signatories'],
  ['/disputed', 200, 'disputed'],
  ['/commentary', 200, 'commentary'],
  ['/commentary/how-many-signed-at-launch', 200, 'commentary-page'],
  ['/search?q=micro', 200, 'search'],
  ['/changes', 200, 'changes'],
  ['/counts', 200, 'counts'],
  ['/data', 200, 'data'],
  ['/about', 200, 'about'],
  ['/sources', 200, 'sources'],
  ['/glossary', 200, 'glossary'],
  ['/principles/8', 200, 'principle-8'],
  ['/countries/gh', 200, 'country-gh'],
  ['/nope', 404, 'not-found'],
  ['/supporters?sort=drop', 400, 'bad-request'],
  ['/supporters?as_of=2019-11-12&category=state', 200, 'supporters-as-of'],
  ['/supporters?as_of=2019-10-30', 200, 'supporters-gap'],
  ['/supporters?as_of=2018-11-12', 200, 'supporters-before-repository'],
  ['/changes?from=2019-10-17&to=2019-11-12', 200, 'changes-between'],
  ['/commentary/how-the-press-reported-the-call', 200, 'commentary-press'],
  ['/fr/', 200, 'fr-home'],
  ['/fr/principles/5', 200, 'fr-principle-5'],
  ['/fr/supporters?category=state&country=fr', 200, 'fr-supporters-filtered'],
  ['/fr/supporters/microsoft-private-sector-usa', 200, 'fr-supporter'],
  ['/fr/countries', 200, 'fr-countries'],
  ['/fr/countries/us?as_of=2019-11-12', 200, 'fr-country-us-as-of'],
  ['/fr/commentary/how-the-press-reported-the-call', 200, 'fr-commentary-press'],
  ['/fr/search?q=securite', 200, 'fr-search'],
  ['/fr/changes?from=2019-10-17&to=2019-11-12', 200, 'fr-changes-between'],
  ['/fr/counts', 200, 'fr-counts'],
  ['/fr/data', 200, 'fr-data'],
  ['/fr/about', 200, 'fr-about'],
  ['/fr/sources', 200, 'fr-sources'],
  ['/fr/glossary', 200, 'fr-glossary'],
  ['/fr/disputed', 200, 'fr-disputed'],
  ['/fr/nope', 404, 'fr-not-found'],
  ['/fr/supporters?as_of=2030-01-01', 400, 'fr-bad-request'],
];

const LAUNCH_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function oneLine(s, max = 300) {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

// ---------------------------------------------------------------------------------------------
// axe in Chromium

async function axeCheck(browser, path, expectedStatus, name) {
  const problems = []; // strings: status or load problems
  const violations = new Map(); // key rule|target -> {rule, impact, help, helpUrl, target, html, summary, where:Set}
  const review = new Map(); // rule -> Map(target -> reason): axe's "incomplete", shown, never failing
  const context = await browser.newContext({
    viewport: { width: WIDTHS[0], height: 900 },
    colorScheme: SCHEMES[0],
    reducedMotion: 'reduce',
  });
  // axe goes in as an init script (through the DevTools protocol): the site's
  // Content-Security-Policy forbids <script> tags such as page.addScriptTag would add, and
  // bypassing the policy would hide what it blocks for real visitors (see the console check).
  await context.addInitScript({ path: AXE_PATH });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push({
        directive: e.effectiveDirective || e.violatedDirective,
        blocked: e.blockedURI,
        line: e.lineNumber,
        column: e.columnNumber,
        sample: e.sample,
      });
    });
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(NAV_TIMEOUT_MS);
    const failed = new Map(); // url -> first reason
    page.on('requestfailed', (req) => {
      if (!failed.has(req.url())) failed.set(req.url(), req.failure()?.errorText || 'failed');
    });
    page.on('response', (res) => {
      if (res.request().isNavigationRequest()) return;
      if (res.status() >= 400 && !failed.has(res.url())) failed.set(res.url(), `HTTP ${res.status()}`);
    });
    page.on('pageerror', (err) => problems.push(`script error on the page: ${oneLine(err.message)}`));
    // Console errors: Content-Security-Policy violations (a blocked style or image) and the like.
    // Failed loads are reported above with their address.
    const consoleErrors = new Set();
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (/^Failed to load resource/.test(msg.text())) return;
      consoleErrors.add(oneLine(msg.text(), 400));
    });

    const response = await page.goto(BASE + path, { waitUntil: 'load', timeout: NAV_TIMEOUT_MS });
    const status = response ? response.status() : 0;
    if (status !== expectedStatus) {
      problems.push(`HTTP status ${status}, expected ${expectedStatus}`);
    }
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
      throw new Error('axe-core was not injected into the page');
    }

    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        const where = `${scheme} ${width}px`;
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ colorScheme: scheme });
        // let style and layout settle after the media change
        await page.evaluate(
          () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
        );
        const result = await withTimeout(
          page.evaluate(
            async (tags) => {
              // eslint-disable-next-line no-undef
              const r = await axe.run(document, {
                runOnly: { type: 'tag', values: tags },
                resultTypes: ['violations', 'incomplete'],
              });
              const incomplete = r.incomplete.map((v) => ({
                id: v.id,
                nodes: v.nodes.map((n) => ({
                  target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
                  reason: [...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean)[0] || '',
                })),
              }));
              const violations = r.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({
                  target: n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' '),
                  html: n.html,
                  summary: (n.failureSummary || '').split('\n').map((l) => l.trim()).filter(Boolean).join(' / '),
                })),
              }));
              return { violations, incomplete };
            },
            AXE_TAGS,
          ),
          AXE_TIMEOUT_MS,
          `axe on ${path} (${where})`,
        );
        for (const v of result.incomplete) {
          if (!review.has(v.id)) review.set(v.id, new Map());
          const nodes = review.get(v.id);
          for (const n of v.nodes) {
            if (!nodes.has(n.target)) nodes.set(n.target, { reason: n.reason, where: new Set() });
            nodes.get(n.target).where.add(where);
          }
        }
        for (const v of result.violations) {
          for (const n of v.nodes) {
            const key = `${v.id}|${n.target}`;
            if (!violations.has(key)) {
              violations.set(key, { ...v, nodes: undefined, ...n, where: new Set() });
            }
            violations.get(key).where.add(where);
          }
        }
        await screenshot(page, `${name}-${width}-${scheme}.png`);
      }
    }
    for (const [url, why] of failed) problems.push(`subresource failed to load: ${url} (${why})`);
    const csp = await page.evaluate(() => window.__cspViolations || []);
    const seen = new Set();
    for (const v of csp) {
      const line = `Content-Security-Policy blocked ${v.blocked || '?'} (${v.directive})` +
        `${v.line ? ` at line ${v.line}${v.column ? `, column ${v.column}` : ''}` : ''}` +
        `${v.sample ? `: ${oneLine(v.sample, 120)}` : ''}`;
      if (!seen.has(line)) problems.push(line);
      seen.add(line);
    }
    for (const text of consoleErrors) {
      if (csp.length && /Content Security Policy/.test(text)) continue; // detailed above
      problems.push(`browser console error: ${text}`);
    }
  } finally {
    await context.close();
  }
  return { problems, violations: [...violations.values()], review };
}

async function screenshot(page, file) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const { width } = page.viewportSize();
  const out = join(SHOTS, file);
  if (height <= SHOT_MAX_HEIGHT) {
    await page.screenshot({ path: out, fullPage: true });
  } else {
    await page.screenshot({
      path: out,
      fullPage: true,
      clip: { x: 0, y: 0, width, height: SHOT_MAX_HEIGHT },
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Nu Html Checker

function runVnu(files) {
  return new Promise((resolve, reject) => {
    const args = ['-Xss16m', '-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', ...files];
    const child = spawn(process.env.JAVA || 'java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      let json;
      try {
        json = JSON.parse(out);
      } catch {
        reject(new Error(`vnu exited ${code} without JSON output:\n${oneLine(out, 2000)}\n${oneLine(err, 2000)}`));
        return;
      }
      resolve(json.messages || []);
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Self-test: a page with known faults must make both checkers complain, so that a checker that
// silently checks nothing (a wrong path, an axe that ran no rule, a validator that read no file)
// cannot pass the site.

const CANARY_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>canary</title></head>
<body><main><img src="data:,"><p style="color:#777;background:#888">low contrast</p>
<div><span><p>block in inline</p></span></div></main></body></html>
`;

async function axeCanary(browser) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.setContent(CANARY_HTML);
    await page.addScriptTag({ path: AXE_PATH });
    const ids = await page.evaluate(
      // eslint-disable-next-line no-undef
      async (tags) => (await axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations.map((v) => v.id),
      AXE_TAGS,
    );
    const expected = ['image-alt', 'html-has-lang', 'color-contrast'];
    const missing = expected.filter((id) => !ids.includes(id));
    return missing.length ? `axe self-test: a known-bad page did not raise ${missing.join(', ')} (raised: ${ids.join(', ') || 'nothing'})` : null;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  await mkdir(SHOTS, { recursive: true });
  const htmlDir = await mkdtemp(join(tmpdir(), 'browser-checks-html-'));
  const results = PAGES.map(([path, status, name]) => ({
    path, status, name,
    htmlProblems: [], vnuErrors: [],
    axeProblems: [], violations: [],
  }));

  try {
    // 1. Fetch every page's HTML as the server sends it, for the validator.
    const files = [];
    for (const r of results) {
      try {
        const res = await fetch(BASE + r.path, { redirect: 'manual' });
        const body = await res.text();
        if (res.status !== r.status) r.htmlProblems.push(`HTTP status ${res.status}, expected ${r.status}`);
        const type = res.headers.get('content-type') || '';
        if (!type.startsWith('text/html')) r.htmlProblems.push(`Content-Type is "${type}", expected text/html`);
        r.file = join(htmlDir, `${r.name}.html`);
        await writeFile(r.file, body);
        files.push(r.file);
      } catch (e) {
        r.htmlProblems.push(`could not fetch: ${e.message}${e.cause ? ` (${e.cause.code || e.cause.message})` : ''}`);
      }
    }

    // 2. Validate them all in one JVM (starting Java once is most of the cost), with the canary.
    const t0 = Date.now();
    const selfTestProblems = [];
    if (files.length) {
      try {
        const canary = join(htmlDir, '_canary.html');
        await writeFile(canary, CANARY_HTML);
        const canaryUrl = pathToFileURL(canary).href;
        const messages = await runVnu([canary, ...files]);
        const canaryErrors = messages.filter(
          (m) => m.type === 'error' && String(m.url || '').replace(/^file:\/(?!\/)/, 'file:///') === canaryUrl,
        );
        if (canaryErrors.length === 0) {
          selfTestProblems.push('validator self-test: a known-bad page raised no error');
        }
        const byUrl = new Map(results.filter((r) => r.file).map((r) => [pathToFileURL(r.file).href, r]));
        for (const m of messages) {
          if (m.type !== 'error' && m.type !== 'non-document-error') continue;
          // vnu writes file:/tmp/x.html (one slash); normalise to file:///tmp/x.html
          const url = String(m.url || '').replace(/^file:\/(?!\/)/, 'file:///');
          if (url === canaryUrl) continue;
          const r = byUrl.get(url);
          if (r) r.vnuErrors.push(m);
          else for (const x of results) x.htmlProblems.push(`validator: ${oneLine(m.message)} (${m.url})`);
        }
      } catch (e) {
        for (const r of results) r.htmlProblems.push(`validator could not run: ${e.message}`);
      }
    }
    const vnuSeconds = (Date.now() - t0) / 1000;

    // 3. axe in Chromium.
    const t1 = Date.now();
    let browser;
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: LAUNCH_ARGS,
        timeout: 60_000,
      });
    } catch (e) {
      for (const r of results) r.axeProblems.push(`Chromium did not start (${CHROMIUM}): ${oneLine(e.message, 1000)}`);
    }
    if (browser) {
      try {
        const problem = await axeCanary(browser);
        if (problem) selfTestProblems.push(problem);
        for (const r of results) {
          const t = Date.now();
          try {
            const { problems, violations, review } = await axeCheck(browser, r.path, r.status, r.name);
            r.axeProblems.push(...problems);
            r.violations = violations;
            r.review = review;
          } catch (e) {
            r.axeProblems.push(`check did not finish: ${oneLine(e.message, 1000)}`);
          }
          r.axeSeconds = (Date.now() - t) / 1000;
        }
      } finally {
        await browser.close();
      }
    }
    const axeSeconds = (Date.now() - t1) / 1000;

    // 4. Report.
    let passed = 0;
    let failed = 0;
    console.log(`\nBrowser checks of ${BASE} (axe-core tags ${AXE_TAGS.join(', ')}; light and dark; ${WIDTHS.join(' and ')} px; Nu Html Checker errors)\n`);
    for (const r of results) {
      const axeOk = r.axeProblems.length === 0 && r.violations.length === 0;
      const htmlOk = r.htmlProblems.length === 0 && r.vnuErrors.length === 0;
      axeOk ? passed++ : failed++;
      htmlOk ? passed++ : failed++;
      const secs = r.axeSeconds !== undefined ? ` (${r.axeSeconds.toFixed(1)} s)` : '';
      console.log(`${axeOk ? 'ok  ' : 'FAIL'} axe  ${r.path}${secs}`);
      for (const p of r.axeProblems) console.log(`       ${p}`);
      for (const v of r.violations) {
        console.log(`       [${v.id}] (${v.impact}) ${v.help} — in ${[...v.where].join(', ')}`);
        console.log(`         where:   ${v.target}`);
        console.log(`         snippet: ${oneLine(v.html)}`);
        if (v.summary) console.log(`         why:     ${oneLine(v.summary, 600)}`);
        console.log(`         rule:    ${v.helpUrl}`);
      }
      for (const [id, nodes] of r.review || []) {
        const where = new Set([...nodes.values()].flatMap((n) => [...n.where]));
        const examples = [...nodes].slice(0, 2).map(([t, n]) => `${t} (${oneLine(n.reason, 120)})`).join('; ');
        console.log(`       needs review, not failing: axe could not decide [${id}] for ${nodes.size} element(s) in ${[...where].join(', ')}, e.g. ${examples}`);
      }
      console.log(`${htmlOk ? 'ok  ' : 'FAIL'} html ${r.path}`);
      for (const p of r.htmlProblems) console.log(`       ${p}`);
      for (const m of r.vnuErrors) {
        const at = m.lastLine ? `line ${m.lastLine}${m.firstColumn ? `, column ${m.firstColumn}` : ''}${m.lastColumn ? `–${m.lastColumn}` : ''}` : 'document';
        console.log(`       ${at}: ${oneLine(m.message, 600)}`);
        if (m.extract) console.log(`         extract: ${oneLine(m.extract)}`);
      }
    }
    for (const p of selfTestProblems) {
      console.log(`FAIL ${p}: the checks above cannot be trusted`);
      failed++;
    }
    const total = (Date.now() - started) / 1000;
    console.log(`\nscreenshots: ${SHOTS}`);
    console.log(`time: ${total.toFixed(1)} s (validator ${vnuSeconds.toFixed(1)} s, Chromium + axe ${axeSeconds.toFixed(1)} s)`);
    console.log(`browser checks: ${passed} passed, ${failed} failed`);
    return failed === 0 ? 0 : 1;
  } finally {
    await rm(htmlDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`browser checks could not run: ${e.stack || e}`);
    console.log(`browser checks: 0 passed, ${PAGES.length * 2} failed`);
    process.exit(2);
  },
);

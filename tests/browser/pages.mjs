// Every staff page at 1280 and 360 px in a real Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core). tests/integration/
// t-browser-pages.sh creates the accounts and the data, and runs
//	QM_BP_PASSWORD=PW node tests/browser/pages.mjs BASE_URL ENQUIRER \
//		REFERENT ADMIN OUTDIR < PAGES
// where PAGES has one line per page, "WHO<TAB>NAME<TAB>PATH[<TAB>STATUS]",
// WHO being anon, enquirer, referent or admin (the three logins share the
// password PW). For each page at each width it prints three cases:
//	the page answers STATUS (200 unless given) and the document is no
//	wider than the window;
//	every element with a DSFR icon class draws its icon (the ::before or
//	::after has a content and a mask image), and the words beside it;
//	axe-core reports no violation of WCAG 2.1 A/AA, whatever its impact;
// and writes OUTDIR/page-NAME-WIDTH.png. Output lines, tab-separated:
//	ok<TAB>DESCRIPTION, not ok<TAB>DESCRIPTION, #<TAB>TEXT.
// Exit status: 0 when every page was visited, 1 otherwise.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

const [base, enquirer, referent, admin, outdir] = process.argv.slice(2);
const password = process.env.QM_BP_PASSWORD;
if (!outdir || !password) {
	console.error('usage: QM_BP_PASSWORD=PW node pages.mjs BASE_URL ENQUIRER REFERENT ADMIN OUTDIR < PAGES');
	process.exit(2);
}
const pages = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '')
	.map((l) => {
		// An optional fourth column: the status the page answers with.
		const [who, name, p, status] = l.split('\t');
		return { who, name, path: p, status: Number(status || 200) };
	});

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
const WIDTHS = [1280, 360];
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const ICONS = '[class*="fr-icon-"], [class*="fr-btn--icon-"], [class*="fr-link--icon-"]';

const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();
function out(...fields) {
	process.stdout.write(fields.map(oneLine).join('\t') + '\n');
}
const diag = (text) => out('#', text);
function check(cond, desc, why) {
	out(cond ? 'ok' : 'not ok', desc);
	if (!cond && why)
		diag(`  ${why}`);
}

// The widths of the document and the first elements sticking out on the
// right.
const overflow = (page) => page.evaluate(() => ({
	scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
	wide: [...document.querySelectorAll('body *')]
		.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
		.slice(0, 4).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}` +
			`${e.classList.length ? '.' + [...e.classList].join('.') : ''}`),
}));

// The elements with an icon class whose ::before and ::after both lack a
// content or a mask image (size modifiers such as fr-icon--sm excepted).
const blankIcons = (page, selector) => page.evaluate((sel) => {
	const drawn = (e, pseudo) => {
		const s = getComputedStyle(e, pseudo);
		const mask = s.maskImage || s.webkitMaskImage || 'none';
		return s.content !== 'none' && s.content !== 'normal' && mask !== 'none';
	};
	const all = [...document.querySelectorAll(sel)].filter((e) =>
		[...e.classList].some((c) => /^fr-(icon-(?!-)|btn--icon-|link--icon-)/.test(c)));
	// An icon beside words (fr-btn--icon-left...) that hides them, as an
	// icon-only button does, is a blank square with a name nobody sees.
	const clipped = (e) => /fr-(btn|link)--icon-/.test(e.className) && e.textContent.trim() !== '' &&
		e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1;
	return {
		n: all.length,
		blank: all.filter((e) => (!drawn(e, '::before') && !drawn(e, '::after')) || clipped(e))
			.slice(0, 4).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}` +
				`${clipped(e) ? ' (its words hidden)' : ''}`),
	};
}, selector);

async function login(browser, prefix, who) {
	const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true });
	const page = await ctx.newPage();
	await page.goto(`${base}${prefix}/connexion`);
	await page.locator('#login').fill(who);
	await page.locator('#password').fill(password);
	await Promise.all([
		page.waitForURL((u) => u.pathname === `${prefix}/`, { timeout: 15000 }),
		page.locator(`form[action="${prefix}/connexion"] button[type=submit]`).click(),
	]);
	const state = await ctx.storageState();
	await ctx.close();
	return state;
}

async function main() {
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30000 });
	diag(`Chromium ${browser.version()}`);
	const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	let complete = true;
	try {
		// The contexts bypass the CSP (script-src 'self'), which would
		// refuse the injected axe-core.
		const states = {
			anon: undefined,
			enquirer: await login(browser, '/mystere', enquirer),
			referent: await login(browser, '/referent', referent),
			admin: await login(browser, '/referent', admin),
		};
		for (const width of WIDTHS) {
			const ctxs = {};
			for (const [who, storageState] of Object.entries(states)) {
				ctxs[who] = await browser.newContext({ locale: 'fr-FR', bypassCSP: true,
					viewport: { width, height: 900 }, storageState });
				ctxs[who].setDefaultTimeout(15000);
			}
			for (const { who, name, path: p, status } of pages) {
				const what = `${name} (${p}) at ${width} px`;
				let n = 0;
				const page = await ctxs[who].newPage();
				try {
					const r = await page.goto(`${base}${p}`, { waitUntil: 'load' });
					const w = await overflow(page);
					n++;
					check(r.status() === status && w.scroll <= w.inner, `${what}: ${status}, no wider than the window`,
						`HTTP ${r.status()}; scrollWidth ${w.scroll} in ${w.inner}; too wide: ${w.wide.join(' ')}`);
					if (w.scroll > w.inner || width === 360)
						diag(`  ${name} at ${width} px: ${w.scroll} px wide`);
					const icons = await blankIcons(page, ICONS);
					n++;
					check(icons.blank.length === 0, `${what}: every icon drawn (${icons.n})`,
						`blank: ${icons.blank.join(' ')}`);
					await page.screenshot({ path: path.join(outdir, `page-${name}-${width}.png`), fullPage: true });
					await page.addScriptTag({ content: axeSource });
					const v = await page.evaluate(async (tags) => {
						const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
						return res.violations.map((x) => `${x.id} [${x.impact}] ${x.nodes.length}× ` +
							`${x.nodes[0] ? x.nodes[0].target.join(' ') : ''}`);
					}, WCAG);
					n++;
					check(v.length === 0, `${what}: no axe-core WCAG 2.1 A/AA violation`, v.join('; '));
				} catch (e) {
					complete = false;
					diag(`${what}: stopped by ${oneLine(e && e.message ? e.message : e).slice(0, 300)}`);
					for (; n < 3; n++)
						check(false, `${what}: case ${n + 1} of 3 not reached`);
				} finally {
					await page.close().catch(() => {});
				}
			}
			for (const ctx of Object.values(ctxs))
				await ctx.close();
		}
	} finally {
		await browser.close().catch(() => {});
	}
	return complete;
}

main().then((complete) => process.exit(complete ? 0 : 1), (e) => {
	diag(`cannot run: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
	process.exit(1);
});

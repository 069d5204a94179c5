// The public questionnaire in a real Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core, which never downloads a browser of its own).
// tests/integration/t-browser.sh creates the campaigns and runs
//	node tests/browser/questionnaire.mjs BASE_URL SLUG OUTDIR
// where BASE_URL is e.g. http://127.0.0.1:18080 and these campaigns exist:
// SLUG-js, -kbd, -err, -full, -double, -nojs, -mobile, -en (open),
// SLUG-ar (open, on the Arabic fixture form) and SLUG-close (closed).
// Screenshots go to OUTDIR.
//
// It prints one line per result, fields separated by a tab, for the shell
// to turn into TAP (the database side is checked there):
//	ok<TAB>DESCRIPTION		a case that passed
//	not ok<TAB>DESCRIPTION		a case that failed
//	#<TAB>TEXT			a diagnostic
//	token<TAB>CASE<TAB>TOKEN	the form token a case submitted
//	expect<TAB>CASE<TAB>Q=V		an answer the case expects stored
//	posts<TAB>CASE<TAB>N		how many POSTs the case's browser sent
// Every section prints the number of cases it declares, even when it
// breaks half-way (the rest then fail), so that the plan always holds.
// Exit status: 0 when every section ran to its end (cases may have
// failed), 1 otherwise.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync, statSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

const [base, slug, outdir] = process.argv.slice(2);
if (!base || !slug || !outdir) {
	console.error('usage: node questionnaire.mjs BASE_URL SLUG OUTDIR');
	process.exit(2);
}
mkdirSync(outdir, { recursive: true });

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ACTION_MS = 10000;	// any wait for an element, a click, a key
const NAV_MS = 15000;		// any navigation
const SECTION_MS = 30000;	// one section
const WATCHDOG_MS = 100000;	// the whole program
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const url = (s, rest = '') => `${base}/enquete/${s}${rest}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const oneLine = (s) => String(s).replace(/\s+/g, ' ').trim();

function out(...fields) {
	process.stdout.write(fields.map(oneLine).join('\t') + '\n');
}
function diag(text) {
	out('#', text);
}

// within MS PROMISE WHAT: PROMISE, or a rejection after MS milliseconds.
function within(ms, promise, what) {
	let timer;
	return Promise.race([
		promise,
		new Promise((_, reject) => {
			timer = setTimeout(() => reject(new Error(`${what}: no end after ${ms / 1000} s`)), ms);
		}),
	]).finally(() => clearTimeout(timer));
}

// section NAME CASES FN: runs FN(t), where t.ok(cond, desc, why) prints a
// case; pads with failed cases if FN throws or takes more than SECTION_MS
// before its last case (what it says after that is ignored).
let allRan = true;
async function section(name, cases, fn) {
	let n = 0, over = false;
	const t = {
		ok(cond, desc, why) {
			if (over)
				return false;
			n++;
			out(cond ? 'ok' : 'not ok', `${name}: ${desc}`);
			if (!cond && why !== undefined)
				diag(`  ${why}`);
			return !!cond;
		},
	};
	const t0 = Date.now();
	try {
		await within(SECTION_MS, fn(t), name);
	} catch (e) {
		allRan = false;
		diag(`${name}: stopped by ${oneLine(e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e)}`);
	}
	over = true;
	if (n > cases) {
		allRan = false;
		out('not ok', `${name}: ran ${n} cases, more than the ${cases} it declares`);
	}
	for (; n < cases; n++)
		out('not ok', `${name}: case ${n + 1} of ${cases} not reached`);
	diag(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function newContext(browser, options = {}) {
	const ctx = await browser.newContext({ locale: 'fr-FR', ...options });
	ctx.setDefaultTimeout(ACTION_MS);
	ctx.setDefaultNavigationTimeout(NAV_MS);
	return ctx;
}

// Clicks the label of one answer, as a user does (the DSFR hides the
// radio itself under its label).
async function choose(page, key, value) {
	await page.locator(`label[for="q-${key}-${value}"]`).click();
}

const isChecked = (page, id) =>
	page.evaluate((i) => !!document.getElementById(i)?.checked, id);
const activeId = (page) =>
	page.evaluate(() => document.activeElement ? document.activeElement.id : '');
const tokenOf = (page) => page.locator('input[name="_jeton"]').inputValue();

const agedTokens = Object.fromEntries((process.env.QM_AGED_TOKENS || '').split(';')
	.filter((x) => x.includes('=')).map((x) => x.split('=')));
// Gives the form the aged token of case name (see the top of this file).
async function ageToken(page, name) {
	if (!agedTokens[name])
		throw new Error(`no aged token for case ${name}`);
	await page.locator('input[name="_jeton"]').evaluate((el, v) => { el.value = v; },
		agedTokens[name]);
}

// The keys of the radio groups in page order; only those shown when
// visible is true.
function radioGroups(page, visible) {
	return page.evaluate((vis) => {
		const seen = [];
		for (const r of document.querySelectorAll('input[type=radio]')) {
			if (vis && !r.closest('fieldset')?.checkVisibility())
				continue;
			if (!seen.includes(r.name))
				seen.push(r.name);
		}
		return seen;
	}, visible);
}

// "q=v" for every checked radio and non-empty text field, sorted.
function answersInPage(page) {
	return page.evaluate(() => {
		const a = [];
		for (const r of document.querySelectorAll('input[type=radio]:checked'))
			a.push(`${r.name}=${r.value}`);
		for (const t of document.querySelectorAll('form textarea'))
			if (t.value !== '')
				a.push(`${t.name}=${t.value}`);
		return a.sort();
	});
}

// Waits until the page shows the address PATHNAME, loaded; false after
// NAV_MS. (Not waitForURL: that gives up when another navigation of the
// page is cancelled, as the first POST of a double submit is.)
async function arrivedAt(page, pathname) {
	for (let i = 0; i < NAV_MS / 100; i++) {
		if (new URL(page.url()).pathname === pathname) {
			await page.waitForLoadState('load').catch(() => {});
			return true;
		}
		await sleep(100);
	}
	return false;
}

// Submits by clicking the button; resolves with the POST's response.
async function submitByClick(page) {
	const [resp] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST', { timeout: NAV_MS }),
		page.locator('button[type=submit]').click(),
	]);
	await page.waitForLoadState('load');
	return resp;
}

// Console errors, uncaught exceptions and CSP reports of a page.
function watchErrors(page) {
	const errors = [];
	page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
	page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
	return errors;
}

// Runs axe-core's WCAG 2.1 A and AA rules on page (its context must
// bypass the CSP, which would refuse the injected script) as one case of
// t named name: no serious or critical violation.
let axeSource = null;
async function axeAudit(page, t, name) {
	if (axeSource === null)
		axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
	await page.addScriptTag({ content: axeSource });
	const r = await page.evaluate(async (tags) => {
		const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
		return {
			version: window.axe.version,
			violations: res.violations.map((v) => ({
				id: v.id, impact: v.impact, n: v.nodes.length, help: v.help,
				target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
			})),
			// What axe could not decide, with its reasons
			// (e.g. bgGradient: the DSFR draws radios and
			// link underlines as background gradients).
			incomplete: res.incomplete.map((v) => {
				const why = new Set(v.nodes.flatMap((n) => n.any.concat(n.all, n.none))
					.map((c) => (c.data && c.data.messageKey) || c.id));
				return `${v.id} (${v.nodes.length} node(s): ${[...why].join(', ')})`;
			}),
		};
	}, WCAG);
	for (const v of r.violations)
		diag(`  axe ${name}: ${v.id} [${v.impact}] ${v.n} node(s), first: ${v.target} — ${v.help}`);
	if (r.incomplete.length)
		diag(`  axe ${name}: to review by hand: ${r.incomplete.join(', ')}`);
	const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	t.ok(bad.length === 0, `${name}: no serious or critical WCAG 2.1 A/AA violation (axe ${r.version}, ${r.violations.length} in all)`,
		bad.map((v) => `${v.id} [${v.impact}]`).join(', '));
}

async function main() {
	const t0 = Date.now();
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30000 });
	diag(`Chromium ${browser.version()}, launched in ${Date.now() - t0} ms`);
	try {
		const js = await newContext(browser);

		// ---- 1. the conditional question, with JavaScript
		await section('conditional question (JS)', 7, async (t) => {
			const page = await js.newPage();
			const errors = watchErrors(page);
			await page.goto(url(`${slug}-js`));
			const q = page.locator('#q-delai-rdv');
			t.ok(await q.isHidden(), 'delai-rdv is hidden on load');
			await choose(page, 'motif', 'etrangers');
			t.ok(await q.isVisible(), 'motif "etrangers" shows it');
			await choose(page, 'delai-rdv', 'satisfait');
			t.ok(await isChecked(page, 'q-delai-rdv-satisfait'), 'it can be answered');
			await choose(page, 'motif', 'autre');
			t.ok(await q.isHidden(), 'motif "autre" hides it again');
			await choose(page, 'motif', 'etrangers');
			t.ok(await q.isVisible(), 'motif "etrangers" again shows it again');
			t.ok(await isChecked(page, 'q-delai-rdv-satisfait'),
				'with its answer still checked');
			t.ok(errors.length === 0, 'no console error, exception or CSP violation',
				errors.join(' | '));
			await page.close();
		});

		// ---- 2. keyboard only
		await section('keyboard only', 7, async (t) => {
			const page = await js.newPage();
			await page.goto(url(`${slug}-kbd`));
			const tabsBefore = [];
			let first = null;
			for (let i = 0; i < 20 && first === null; i++) {
				await page.keyboard.press('Tab');
				const el = await page.evaluate(() => {
					const a = document.activeElement;
					return { tag: a.tagName, id: a.id, text: (a.textContent || '').trim() };
				});
				if (['INPUT', 'BUTTON', 'TEXTAREA', 'SELECT'].includes(el.tag))
					first = el;
				else
					tabsBefore.push(el.tag + (el.text ? ` "${el.text}"` : ''));
			}
			diag(`  tab stops before the form: ${tabsBefore.join(', ') || 'none'}`);
			t.ok(first && first.id === 'q-motif-etrangers',
				'Tab from the top reaches the first answer of motif first',
				`first control: ${JSON.stringify(first)}`);
			await page.keyboard.press('ArrowDown');
			t.ok(await activeId(page) === 'q-motif-vehicule-permis' &&
				await isChecked(page, 'q-motif-vehicule-permis'),
				'ArrowDown moves to the next answer and chooses it',
				`focus on #${await activeId(page)}`);
			await page.keyboard.press('ArrowUp');
			t.ok(await activeId(page) === 'q-motif-etrangers' &&
				await isChecked(page, 'q-motif-etrangers'),
				'ArrowUp comes back and chooses "etrangers"',
				`focus on #${await activeId(page)}`);
			// Tab through the rest; Space answers each group left empty.
			const reached = ['motif'];
			let button = false;
			for (let i = 0; i < 60 && !button; i++) {
				await page.keyboard.press('Tab');
				const el = await page.evaluate(() => {
					const a = document.activeElement;
					return { tag: a.tagName, type: a.type || '', name: a.name || '',
						checked: !!document.querySelector(`input[name="${a.name}"]:checked`) };
				});
				if (el.tag === 'INPUT' && el.type === 'radio') {
					if (!reached.includes(el.name))
						reached.push(el.name);
					if (!el.checked)
						await page.keyboard.press('Space');
				} else if (el.tag === 'TEXTAREA') {
					await page.keyboard.type('Au clavier');
				} else if (el.tag === 'BUTTON' && el.type === 'submit') {
					button = true;
				}
			}
			const groups = await radioGroups(page, true);
			const missed = groups.filter((g) => !reached.includes(g));
			t.ok(missed.length === 0 && groups.length === (await radioGroups(page, false)).length,
				`Tab reaches every radio group (${reached.length} of ${groups.length})`,
				`not reached: ${missed.join(', ')}; groups shown: ${groups.length}`);
			const answered = (await answersInPage(page)).filter((a) => !a.startsWith('commentaire='))
				.map((a) => a.split('=')[0]);
			const left = reached.filter((g) => !answered.includes(g));
			t.ok(reached.length > 0 && left.length === 0, 'Space answers the group that has the focus',
				`left unanswered: ${left.join(', ')}`);
			t.ok(button, 'Tab reaches the submit button');
			await ageToken(page, 'kbd');
			const token = await tokenOf(page);
			for (const a of await answersInPage(page))
				out('expect', 'kbd', a);
			out('token', 'kbd', token);
			await page.keyboard.press('Enter');
			t.ok(await arrivedAt(page, `/enquete/${slug}-kbd/merci`),
				'Enter on the button sends the form', `at ${page.url()}`);
			await page.close();
		});

		// ---- 3. required questions left empty
		await section('required answers missing', 7, async (t) => {
			const page = await js.newPage();
			await page.goto(url(`${slug}-err`));
			const comment = 'Tapé avant l’erreur <b>gras</b> & "guillemets"';
			await choose(page, 'courtoisie', 'satisfait');
			await page.locator('#q-commentaire').fill(comment);
			const token = await tokenOf(page);
			out('token', 'err', token);
			const resp = await submitByClick(page);
			t.ok(resp.status() === 400, 'the page comes back with HTTP 400',
				`HTTP ${resp.status()}`);
			t.ok(await activeId(page) === 'erreurs', 'the error summary #erreurs has the focus',
				`focus on ${await page.evaluate(() => document.activeElement.outerHTML.slice(0, 120))}`);
			const links = await page.evaluate(() => [...document.querySelectorAll('#erreurs a')].map((a) => {
				const h = a.getAttribute('href') || '';
				return { href: h, exists: h.startsWith('#') && !!document.getElementById(decodeURIComponent(h.slice(1))) };
			}));
			diag(`  summary links: ${links.map((l) => l.href).join(' ')}`);
			t.ok(links.length === 3 && links.every((l) => l.exists),
				'it links to the 3 missing answers, each to an element of the page',
				JSON.stringify(links));
			await page.locator('#erreurs a').first().click();
			const target = links.length ? links[0].href.slice(1) : '(none)';
			t.ok(await activeId(page) === target, `its first link moves the focus to #${target}`,
				`focus on #${await activeId(page)}`);
			t.ok(await page.locator('#q-commentaire').inputValue() === comment,
				'the comment typed before is still there');
			t.ok(await isChecked(page, 'q-courtoisie-satisfait'), 'so is the answer given before');
			t.ok(await tokenOf(page) === token, 'the form keeps its token, still unused');
			await page.close();
		});

		// ---- 4. a full submission
		await section('full submission', 2, async (t) => {
			const page = await js.newPage();
			await page.goto(url(`${slug}-full`));
			await choose(page, 'motif', 'etrangers');
			await choose(page, 'profil', 'professionnel');
			await choose(page, 'canal', 'telephone');
			const scale = ['tres-satisfait', 'satisfait', 'peu-satisfait', 'pas-du-tout-satisfait', 'sans-avis'];
			const groups = await radioGroups(page, true);
			let i = 0;
			for (const g of groups.filter((x) => !['motif', 'profil', 'canal'].includes(x)))
				await choose(page, g, scale[i++ % scale.length]);
			await page.locator('#q-commentaire').fill('Très bien, merci ! <b>ok</b> & « guillemets »');
			await ageToken(page, 'full');
			const token = await tokenOf(page);
			for (const a of await answersInPage(page))
				out('expect', 'full', a);
			out('token', 'full', token);
			await submitByClick(page);
			t.ok(new URL(page.url()).pathname === `/enquete/${slug}-full/merci`,
				'the browser lands on /merci', `at ${page.url()}`);
			const h1 = oneLine(await page.locator('h1').first().textContent());
			t.ok(h1 === 'Merci pour vos réponses' &&
				/Vos réponses ont bien été enregistrées/.test(await page.locator('main').textContent()),
				'which thanks for the answers', `h1: ${h1}`);
			await page.close();
		});

		// ---- 5. the button clicked again while the first POST is on its
		// way (a slow network): both POSTs reach the server together.
		await section('double submit', 3, async (t) => {
			const ctx = await newContext(browser);
			const page = await ctx.newPage();
			const p = `/enquete/${slug}-double`;
			await page.goto(url(`${slug}-double`));
			await choose(page, 'motif', 'identite');
			await choose(page, 'profil', 'elu');
			await choose(page, 'canal', 'courriel');
			for (const a of await answersInPage(page))
				out('expect', 'double', a);
			out('token', 'double', await tokenOf(page));
			await sleep(3500);	// a person's pace for three answers
			const posts = [];
			let firstStatus = null;
			let firstSent, secondSent, landed;
			const first = new Promise((r) => { firstSent = r; });
			const second = new Promise((r) => { secondSent = r; });
			const done = new Promise((r) => { landed = r; });
			// The first POST is held until the second one leaves; then
			// it is sent from here, at the same time as the browser
			// sends the second, as a network that had carried it would.
			// The browser's own first request stays pending until the
			// second navigation is over: Chromium gives a navigation up
			// only when the next one commits, and an aborted first one
			// would commit an error page over the second.
			await page.route((u) => u.pathname === p, async (route) => {
				const req = route.request();
				if (req.method() !== 'POST')
					return route.continue();
				posts.push(new URLSearchParams(req.postData() || '').get('_jeton'));
				if (posts.length === 1) {
					firstSent();
					await Promise.race([second, sleep(5000)]);
					firstStatus = await route.fetch({ maxRedirects: 0, timeout: NAV_MS })
						.then((r) => r.status(), (e) => `error: ${oneLine(e.message).slice(0, 80)}`);
					await Promise.race([done, sleep(NAV_MS)]);
					await route.abort().catch(() => {});
				} else {
					secondSent();
					await route.continue().catch(() => {});
				}
			});
			await page.locator('button[type=submit]').scrollIntoViewIfNeeded();
			const box = await page.locator('button[type=submit]').boundingBox();
			const x = box.x + box.width / 2, y = box.y + box.height / 2;
			await page.mouse.click(x, y);
			await Promise.race([first, sleep(5000)]);
			await page.mouse.click(x, y);
			const there = await arrivedAt(page, `${p}/merci`);
			landed();
			for (let i = 0; i < 50 && firstStatus === null; i++)
				await sleep(100);
			out('posts', 'double', posts.length);
			diag(`  POSTs sent: ${posts.length}; the first one answered ${firstStatus}`);
			t.ok(posts.length === 2, 'the browser sent the form twice', `${posts.length} POST(s)`);
			t.ok(posts.length >= 2 && posts.every((x1) => x1 && x1 === posts[0]),
				'both with the same token');
			t.ok(there, 'and lands on /merci', `at ${page.url()}`);
			await within(5000, ctx.close(), 'closing the context');
		});

		// ---- 6. without JavaScript: every question shown, the server
		// drops the answer to a question whose condition is not met.
		await section('without JavaScript', 3, async (t) => {
			const nojs = await newContext(browser, { javaScriptEnabled: false });
			const page = await nojs.newPage();
			await page.goto(url(`${slug}-nojs`));
			t.ok(await page.locator('#q-delai-rdv').isVisible(), 'delai-rdv is shown');
			await choose(page, 'motif', 'autre');
			await choose(page, 'profil', 'association');
			await choose(page, 'canal', 'sur-place');
			await choose(page, 'delai-rdv', 'peu-satisfait');
			t.ok(await isChecked(page, 'q-delai-rdv-peu-satisfait'), 'and can be answered');
			for (const a of await answersInPage(page))
				if (!a.startsWith('delai-rdv='))
					out('expect', 'nojs', a);
			out('token', 'nojs', await tokenOf(page));
			await sleep(4500);	// a person's pace for four answers
			await page.locator('button[type=submit]').focus();
			await page.keyboard.press('Space');
			t.ok(await arrivedAt(page, `/enquete/${slug}-nojs/merci`),
				'Space on the button sends the form', `at ${page.url()}`);
			await nojs.close();
		});

		// ---- 6b. sent at once: the server asks to confirm, answers kept
		await section('confirmation of a send too fast', 5, async (t) => {
			const page = await js.newPage();
			await page.goto(url(`${slug}-confirm`));
			await choose(page, 'motif', 'autre');
			await choose(page, 'profil', 'particulier');
			await choose(page, 'canal', 'sur-place');
			await choose(page, 'courtoisie', 'satisfait');
			const first = await tokenOf(page);
			const resp = await submitByClick(page);
			t.ok(resp.status() === 400, 'four answers sent within a second: HTTP 400',
				`HTTP ${resp.status()}`);
			t.ok(/Confirmez l’envoi de vos réponses/.test(await page.locator('main').textContent()),
				'the page asks to confirm');
			t.ok(await isChecked(page, 'q-motif-autre') &&
				await isChecked(page, 'q-courtoisie-satisfait'), 'every answer is still there');
			const second = await tokenOf(page);
			t.ok(second !== first, 'with a new token');
			for (const a of await answersInPage(page))
				out('expect', 'confirm', a);
			out('token', 'confirm', second);
			await page.screenshot({ path: path.join(outdir, 'questionnaire-confirm-1280.png'), fullPage: false });
			await submitByClick(page);
			t.ok(new URL(page.url()).pathname === `/enquete/${slug}-confirm/merci`,
				'sent again at once, it is stored: /merci', `at ${page.url()}`);
			await page.close();
		});

		// ---- 6c. back to the questionnaire after sending it
		await section('going back after sending', 4, async (t) => {
			const page = await js.newPage();
			await page.goto(url(`${slug}-back`));
			await choose(page, 'motif', 'autre');
			await choose(page, 'profil', 'particulier');
			await choose(page, 'canal', 'sur-place');
			await ageToken(page, 'back');
			const first = await tokenOf(page);
			out('token', 'back', first);
			for (const a of await answersInPage(page))
				out('expect', 'back', a);
			await submitByClick(page);
			t.ok(new URL(page.url()).pathname === `/enquete/${slug}-back/merci`,
				'sent: /merci', `at ${page.url()}`);
			await page.goBack();
			await page.waitForLoadState('load');
			t.ok(await page.locator('#deja-envoye').isVisible(),
				'going back shows that the answers were sent', `at ${page.url()}`);
			t.ok(!(await page.locator('button[type=submit]').isVisible()),
				'with no button to send them again');
			await Promise.all([
				page.waitForLoadState('load'),
				page.locator('#deja-envoye a').click(),
			]);
			await page.waitForSelector('button[type=submit]', { state: 'visible' });
			t.ok(await tokenOf(page) !== first && await page.locator('#deja-envoye').count() === 0,
				'its link opens a new questionnaire, with a new token');
			await page.close();
		});

		// ---- 7. axe-core, WCAG 2.1 A and AA. The CSP (script-src 'self')
		// would refuse the injected script: this context bypasses it.
		await section('accessibility (axe-core)', 5, async (t) => {
			const ctx = await newContext(browser, { bypassCSP: true });
			const page = await ctx.newPage();
			const audit = (name) => axeAudit(page, t, name);
			await page.goto(url(`${slug}-js`));
			await choose(page, 'motif', 'etrangers');	// every question shown
			await audit('questionnaire');
			await page.goto(url(`${slug}-err`));
			await submitByClick(page);
			await audit('page with errors');
			await page.goto(url(`${slug}-full`, '/merci'));
			await audit('thank-you page');
			const resp = await page.goto(url(`${slug}-close`));
			t.ok(resp.status() === 410, 'the closed campaign answers 410', `HTTP ${resp.status()}`);
			await audit('closed campaign');
			await ctx.close();
		});

		// ---- 8 and 9. a phone, then a desktop screen
		await section('mobile and screenshots', 4, async (t) => {
			const ctx = await newContext(browser, {
				viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true,
				deviceScaleFactor: 2,
			});
			const page = await ctx.newPage();
			await page.goto(url(`${slug}-mobile`));
			await page.locator('label[for="q-motif-etrangers"]').tap();
			await page.locator('#q-delai-rdv').waitFor({ state: 'visible' });
			const w = await page.evaluate(() => ({
				scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
				client: document.documentElement.clientWidth,
				wide: [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
					.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')}`),
			}));
			t.ok(w.scroll <= w.inner && w.scroll <= 412, 'no horizontal scrolling at 412×915',
				`scrollWidth ${w.scroll}, innerWidth ${w.inner}, clientWidth ${w.client}; too wide: ${w.wide.join(' ')}`);
			const small = await page.evaluate(() => [...document.querySelectorAll('input[type=radio]')]
				.map((r) => ({ id: r.id, box: document.querySelector(`label[for="${r.id}"]`)?.getBoundingClientRect() }))
				.filter((x) => !x.box || x.box.height < 24 || x.box.width < 24)
				.map((x) => `${x.id} ${x.box ? `${x.box.width.toFixed(0)}×${x.box.height.toFixed(0)}` : 'no label'}`));
			const heights = await page.evaluate(() => [...document.querySelectorAll('input[type=radio] + label')]
				.map((l) => l.getBoundingClientRect().height));
			diag(`  radio labels: ${heights.length}, smallest height ${Math.min(...heights).toFixed(1)} px`);
			t.ok(small.length === 0 && heights.length > 0,
				'every radio label is at least 24×24 px (WCAG 2.5.8)', small.slice(0, 5).join(', '));
			const phone = path.join(outdir, 'questionnaire-412x915.png');
			await page.screenshot({ path: phone, fullPage: true });
			t.ok(statSync(phone).size > 0, `a phone screenshot (${statSync(phone).size} bytes)`);
			await ctx.close();

			const desk = await newContext(browser, { viewport: { width: 1280, height: 800 } });
			const dpage = await desk.newPage();
			await dpage.goto(url(`${slug}-mobile`));
			const wide = path.join(outdir, 'questionnaire-1280x800.png');
			await dpage.screenshot({ path: wide, fullPage: true });
			t.ok(statSync(wide).size > 0, `a desktop screenshot (${statSync(wide).size} bytes)`);
			await desk.close();
		});

		// ---- 10. languages: the selector with the keyboard, English and
		// the Arabic fixture (right to left) at 1280 and 360 px wide, axe.
		await section('languages', 13, async (t) => {
			const wide = await newContext(browser, { bypassCSP: true,
				viewport: { width: 1280, height: 800 } });
			const page = await wide.newPage();
			await page.goto(url(`${slug}-en`));
			const links = page.locator('nav.fr-translate a');
			t.ok(await links.count() === 2 && await links.first().isVisible() &&
				await links.last().isVisible(), 'the selector shows French and English');
			let reached = false;
			for (let i = 0; i < 10 && !reached; i++) {
				await page.keyboard.press('Tab');
				reached = await page.evaluate(() => document.activeElement?.getAttribute('hreflang') === 'en');
			}
			t.ok(reached, 'Tab from the top reaches the English link');
			await Promise.all([page.waitForURL(/[?]lang=en$/), page.keyboard.press('Enter')]);
			t.ok(await page.evaluate(() => document.documentElement.lang) === 'en' &&
				await page.locator('button[type=submit]').innerText() === 'Send my answers',
				'Enter on it shows the questionnaire in English');
			t.ok(await page.locator('nav.fr-translate a[aria-current="true"]').getAttribute('hreflang') === 'en',
				'English is marked as the current language');
			await axeAudit(page, t, 'English at 1280 px');
			await page.screenshot({ path: path.join(outdir, 'lang-en-1280.png'), fullPage: true });
			await page.goto(url(`${slug}-ar`, '?lang=ar'));
			t.ok(await page.evaluate(() => document.documentElement.dir) === 'rtl' &&
				await page.evaluate(() => getComputedStyle(document.querySelector('h1')).direction) === 'rtl',
				'the Arabic fixture is laid out right to left');
			await axeAudit(page, t, 'Arabic at 1280 px');
			await page.screenshot({ path: path.join(outdir, 'lang-ar-1280.png'), fullPage: true });
			await wide.close();

			const narrow = await newContext(browser, { bypassCSP: true,
				viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true });
			const phone = await narrow.newPage();
			const noScroll = async (name) => {
				const w = await phone.evaluate(() => ({
					scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
					wide: [...document.querySelectorAll('body *')].filter((e) => {
						const r = e.getBoundingClientRect();
						return r.right > document.documentElement.clientWidth + 0.5 || r.left < -0.5;
					}).slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
				}));
				t.ok(w.scroll <= 360 && w.wide.length === 0, `${name}: no horizontal scrolling at 360 px`,
					`scrollWidth ${w.scroll}, innerWidth ${w.inner}; outside: ${w.wide.join(' ')}`);
			};
			await phone.goto(url(`${slug}-en`, '?lang=en'));
			t.ok(await phone.locator('nav.fr-translate a').first().isVisible(),
				'the selector is visible at 360 px');
			await noScroll('English');
			await axeAudit(phone, t, 'English at 360 px');
			await phone.screenshot({ path: path.join(outdir, 'lang-en-360.png'), fullPage: true });
			await phone.goto(url(`${slug}-ar`, '?lang=ar'));
			t.ok(await phone.locator('nav.fr-translate a[aria-current="true"]').isVisible(),
				'the current language stays shown at 360 px');
			await noScroll('Arabic');
			await axeAudit(phone, t, 'Arabic at 360 px');
			await phone.screenshot({ path: path.join(outdir, 'lang-ar-360.png'), fullPage: true });
			await narrow.close();
		});
	} finally {
		await within(10000, browser.close(), 'closing the browser').catch((e) => diag(e.message));
	}
	diag(`browser run: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const watchdog = setTimeout(() => {
	diag(`stopped after ${WATCHDOG_MS / 1000} s`);
	process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

main().then(() => process.exit(allRan ? 0 : 1), (e) => {
	diag(`cannot run: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
	process.exit(1);
});

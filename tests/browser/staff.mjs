// The staff pages in a real Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core, which never downloads a browser of its own), as
// tests/browser/questionnaire.mjs does for the public questionnaire.
// tests/integration/t-browser-staff.sh creates the accounts and campaigns
// and runs
//	QM_BS_PASSWORD=PW node tests/browser/staff.mjs BASE_URL ENQUIRER \
//		REFERENT OTHER KBD_SLOT ERR_SLOT CAMPAIGN OUTDIR
// where ENQUIRER, REFERENT and OTHER are logins of one site with the
// password PW (OTHER only gets a wrong password), KBD_SLOT and ERR_SLOT
// two open mystery-call slots of ENQUIRER (the first gets a call recorded
// with the keyboard, the second only an empty submission), CAMPAIGN the id
// of a satisfaction campaign of the site with responses. Screenshots go
// to OUTDIR.
//
// It prints one line per result, fields separated by a tab, for the shell
// to turn into TAP (the database side is checked there):
//	ok<TAB>DESCRIPTION		a case that passed
//	not ok<TAB>DESCRIPTION		a case that failed
//	#<TAB>TEXT			a diagnostic
//	expect<TAB>Q=V			an answer the recorded call expects stored
// Every section prints the number of cases it declares, even when it
// breaks half-way (the rest then fail), so that the plan always holds.
// Exit status: 0 when every section ran to its end (cases may have
// failed), 1 otherwise.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { readFileSync, statSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);

const [base, enquirer, referent, other, kbdSlot, errSlot, campaign, outdir, paperCampaign,
	paperId] = process.argv.slice(2);
const password = process.env.QM_BS_PASSWORD;
if (!paperId || !password) {
	console.error('usage: QM_BS_PASSWORD=PW node staff.mjs BASE_URL ENQUIRER REFERENT OTHER ' +
		'KBD_SLOT ERR_SLOT CAMPAIGN OUTDIR PAPER_CAMPAIGN PAPER_RESPONSE');
	process.exit(2);
}
mkdirSync(outdir, { recursive: true });

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];
const ACTION_MS = 10000;	// any wait for an element, a click, a key
const NAV_MS = 15000;		// any navigation
const SECTION_MS = 30000;	// one section
const WATCHDOG_MS = 105000;	// the whole program
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const grid = (slot) => `/mystere/creneaux/${slot}`;
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

// The contexts bypass the CSP (script-src 'self'), which would refuse the
// injected axe-core; nothing else here injects a script.
async function newContext(browser, options = {}) {
	const ctx = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, ...options });
	ctx.setDefaultTimeout(ACTION_MS);
	ctx.setDefaultNavigationTimeout(NAV_MS);
	return ctx;
}

const activeId = (page) =>
	page.evaluate(() => document.activeElement ? document.activeElement.id : '');
const describeActive = (page) => page.evaluate(() => {
	const a = document.activeElement;
	if (!a || a === document.body)
		return 'body';
	return `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}` +
		`${(a.textContent || '').trim() ? ` "${a.textContent.trim().slice(0, 30)}"` : ''}`;
});

// Waits until the page shows the address PATHNAME, loaded; false after
// NAV_MS.
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

// Console errors, uncaught exceptions and CSP reports of a page.
function watchErrors(page) {
	const errors = [];
	page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
	page.on('pageerror', (e) => errors.push(`exception: ${e.message}`));
	return errors;
}

// Presses Tab from where the focus is until the element with id ID has it
// (at most MAX presses); true when it got there. The stops passed on the
// way are given as a diagnostic.
async function tabTo(page, id, max = 30) {
	const stops = [];
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await activeId(page) === id) {
			diag(`  Tab stops before #${id}: ${stops.join(', ') || 'none'}`);
			return true;
		}
		stops.push(await describeActive(page));
	}
	diag(`  Tab never reached #${id}; stops: ${stops.join(', ')}`);
	return false;
}

// Logs in at PREFIX/connexion with the keyboard only: Tab from the top to
// the login, type it, Tab to the password, type it, Enter. 3 cases.
async function keyboardLogin(t, page, prefix, login) {
	await page.goto(`${base}${prefix}/connexion`);
	t.ok(await tabTo(page, 'login'), 'Tab from the top reaches the login field');
	await page.keyboard.type(login);
	await page.keyboard.press('Tab');
	t.ok(await activeId(page) === 'password', 'the next Tab reaches the password field',
		`focus on ${await describeActive(page)}`);
	await page.keyboard.type(password);
	await page.keyboard.press('Enter');
	t.ok(await arrivedAt(page, `${prefix}/`), `Enter sends the form and lands on ${prefix}/`,
		`at ${page.url()}`);
}

// The role and accessible name Chromium computes for every element
// matching SELECTOR, in page order, with the id of its closest ancestor
// (or itself) that has one.
async function accessibleNames(page, selector) {
	const cdp = await page.context().newCDPSession(page);
	try {
		const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
		const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
		const all = [];
		for (const nodeId of nodeIds) {
			const { nodes } = await cdp.send('Accessibility.getPartialAXTree',
				{ nodeId, fetchRelatives: false });
			const n = nodes.find((x) => !x.ignored) || nodes[0];
			const { object } = await cdp.send('DOM.resolveNode', { nodeId });
			const { result } = await cdp.send('Runtime.callFunctionOn', {
				objectId: object.objectId, returnByValue: true,
				functionDeclaration: 'function () { const e = this.closest("[id]"); return e ? e.id : ""; }',
			});
			all.push({ where: result.value, role: n?.role?.value ?? '', name: n?.name?.value ?? '' });
		}
		return all;
	} finally {
		await cdp.detach().catch(() => {});
	}
}

// The fields of the grid form as they would be sent, "q=v" each, sorted:
// checked radios, non-empty inputs and textareas, shown ones only.
function gridAnswers(page, action) {
	return page.evaluate((act) => {
		const form = [...document.forms].find((f) => f.getAttribute('action') === act);
		const a = [];
		for (const e of form ? form.elements : []) {
			if (!e.name || e.name.startsWith('_') || e.type === 'hidden' || !e.checkVisibility())
				continue;
			if (e.type === 'radio' || e.type === 'checkbox') {
				if (e.checked)
					a.push(`${e.name}=${e.value}`);
			} else if (['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName) && e.value !== '') {
				a.push(`${e.name}=${e.value}`);
			}
		}
		return a.sort();
	}, action);
}

// Horizontal overflow of the page: the widths and the first elements
// sticking out on the right.
function overflow(page) {
	return page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
		client: document.documentElement.clientWidth,
		wide: [...document.querySelectorAll('body *')]
			.filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
			.slice(0, 3).map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}` +
				`${e.classList.length ? '.' + [...e.classList].join('.') : ''}`),
	}));
}

async function main() {
	const t0 = Date.now();
	const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30000 });
	diag(`Chromium ${browser.version()}, launched in ${Date.now() - t0} ms`);
	const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

	// audit T PAGE NAME: one case, no serious or critical WCAG 2.1 A/AA
	// violation; every violation is told.
	const audit = async (t, page, name) => {
		await page.addScriptTag({ content: axeSource });
		const r = await page.evaluate(async (tags) => {
			const res = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
			return {
				version: window.axe.version,
				violations: res.violations.map((v) => ({
					id: v.id, impact: v.impact, n: v.nodes.length, help: v.help,
					target: v.nodes[0] ? v.nodes[0].target.join(' ') : '',
				})),
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
		t.ok(bad.length === 0, `${name}: no serious or critical WCAG 2.1 A/AA violation ` +
			`(axe ${r.version}, ${r.violations.length} in all)`,
			bad.map((v) => `${v.id} [${v.impact}]`).join(', '));
	};

	try {
		const enq = await newContext(browser);
		const ref = await newContext(browser);
		const anon = await newContext(browser);
		const epage = await enq.newPage();
		const eErrors = watchErrors(epage);
		const rpage = await ref.newPage();

		// ---- 1. logging in with the keyboard only
		await section('enquirer login (keyboard)', 4, async (t) => {
			await keyboardLogin(t, epage, '/mystere', enquirer);
			const h1 = oneLine(await epage.locator('h1').first().textContent());
			const lead = oneLine(await epage.locator('main').textContent());
			t.ok(h1 === 'Mes créneaux' && /0 contact saisi sur 4 créneaux/.test(lead),
				'the page lists her 4 slots', `h1: ${h1}`);
		});
		await section('referent login (keyboard)', 4, async (t) => {
			await keyboardLogin(t, rpage, '/referent', referent);
			t.ok(await rpage.locator(`a[href="/referent/campagnes/${campaign}"]`).count() > 0,
				'the page links to the campaign of the site');
		});

		// ---- 2. axe-core on every staff page
		await section('accessibility (axe-core)', 17, async (t) => {
			const page = await anon.newPage();
			await page.goto(`${base}/mystere/connexion`);
			await audit(t, page, 'login page');
			await page.locator('#login').fill(other);
			await page.locator('#password').fill(`${password} faux`);
			const [resp] = await Promise.all([
				page.waitForResponse((r) => r.request().method() === 'POST', { timeout: NAV_MS }),
				page.locator('form[action="/mystere/connexion"] button[type=submit]').click(),
			]);
			await page.waitForLoadState('load');
			const alert = oneLine(await page.locator('#erreurs').textContent().catch(() => ''));
			t.ok(resp.status() === 403 && /incorrect/.test(alert),
				'a wrong password: 403 and the error in #erreurs', `HTTP ${resp.status()}, alert: ${alert}`);
			t.ok(await activeId(page) === 'erreurs', 'which has the focus',
				`focus on ${await describeActive(page)}`);
			await audit(t, page, 'login page with an error');
			await page.close();

			await epage.goto(`${base}/mystere/`);
			await audit(t, epage, '/mystere/ (slots)');
			const r1 = await epage.goto(`${base}${grid(errSlot)}`);
			t.ok(r1.status() === 200, 'the grid page of a slot answers 200', `HTTP ${r1.status()}`);
			await audit(t, epage, 'grid page');
			const [r2] = await Promise.all([
				epage.waitForResponse((r) => r.request().method() === 'POST', { timeout: NAV_MS }),
				epage.locator(`form[action="${grid(errSlot)}"] button[type=submit]`).click(),
			]);
			await epage.waitForLoadState('load');
			const links = await epage.locator('#erreurs a').count();
			t.ok(r2.status() === 400 && links > 0, 'submitted empty, it comes back with 400 and an error summary',
				`HTTP ${r2.status()}, ${links} link(s) in #erreurs`);
			t.ok(await activeId(epage) === 'erreurs', 'the error summary has the focus',
				`focus on ${await describeActive(epage)}`);
			await audit(t, epage, 'grid page with errors');

			const r3 = await rpage.goto(`${base}/referent/planification/nouvelle`);
			if (r3.status() === 200)
				await audit(t, rpage, '/referent/planification/nouvelle (referent)');
			else
				t.ok(false, '/referent/planification/nouvelle (referent) answers 200', `HTTP ${r3.status()}`);
			// A period of a school year no calendar covers: the preview
			// warns, with the box to tick; at 1280 px, then 360 px.
			await rpage.locator('#pl-first').fill('2034-11-06');
			await rpage.locator('#pl-last').fill('2034-11-24');
			await Promise.all([
				rpage.waitForResponse((r) => r.request().method() === 'POST', { timeout: NAV_MS }),
				rpage.locator('button[name=action][value=apercu]').click(),
			]);
			await rpage.waitForLoadState('load');
			t.ok(await rpage.locator('#pl-calendar-alert').isVisible() &&
				await rpage.locator('#pl-calendar').count() === 1,
				'a preview in 2034-2035 warns that the school calendar is not known, with its box');
			await audit(t, rpage, 'planning preview without the school calendar');
			await rpage.screenshot({ path: path.join(outdir, 'staff-planning-calendar-1280.png'), fullPage: true });
			const ctx360 = await newContext(browser, {
				viewport: { width: 360, height: 800 }, hasTouch: true, isMobile: true,
				deviceScaleFactor: 2, storageState: await ref.storageState(),
			});
			const p360 = await ctx360.newPage();
			await p360.goto(`${base}/referent/planification/nouvelle`);
			await p360.locator('#pl-first').fill('2034-11-06');
			await p360.locator('#pl-last').fill('2034-11-24');
			await Promise.all([
				p360.waitForResponse((r) => r.request().method() === 'POST', { timeout: NAV_MS }),
				p360.locator('button[name=action][value=apercu]').click(),
			]);
			await p360.waitForLoadState('load');
			// The page's own content: the header's tools are the shared
			// frame's, and a long login may widen them (told, not failed).
			const w = await overflow(p360);
			const main = await p360.evaluate(() => document.querySelector('main').scrollWidth);
			if (w.scroll > 360)
				diag(`  at 360 px the page is ${w.scroll} px wide: ${w.wide.join(' ')}`);
			t.ok(await p360.locator('#pl-calendar-alert').isVisible() && main <= 360,
				'the same preview at 360 px: the warning, and its content no wider than the screen',
				`main: ${main} px; too wide: ${w.wide.join(' ')}`);
			await p360.screenshot({ path: path.join(outdir, 'staff-planning-calendar-360.png'), fullPage: true });
			await ctx360.close();
			await rpage.goto(`${base}/referent/`);
			await audit(t, rpage, '/referent/');
			await rpage.goto(`${base}/referent/campagnes/${campaign}`);
			await audit(t, rpage, '/referent/campagnes/ID (chart and tables)');
			await rpage.goto(`${base}/referent/campagnes/${campaign}/rythme`);
			await audit(t, rpage, '/referent/campagnes/ID/rythme (rhythm, periods set aside)');
		});

		// ---- 3. a mystery call recorded with the keyboard only
		await section('mystery call (keyboard)', 8, async (t) => {
			const action = grid(kbdSlot);
			await epage.goto(`${base}${action}`);
			const first = await epage.evaluate((act) => {
				const f = [...document.forms].find((x) => x.getAttribute('action') === act);
				const e = f && [...f.elements].find((x) => x.type !== 'hidden');
				return e ? e.id : '';
			}, action);
			t.ok(first !== '' && await tabTo(epage, first, 40),
				`Tab from the top reaches the grid's first field (#${first})`);
			const reached = [], answered = [];
			let arrows = null, button = false, typed = 0;
			for (let i = 0; i < 120 && !button; i++) {
				if (i > 0)
					await epage.keyboard.press('Tab');
				const el = await epage.evaluate((act) => {
					const a = document.activeElement;
					return {
						inGrid: !!a.form && a.form.getAttribute('action') === act,
						tag: a.tagName, type: a.type || '', name: a.name || '', id: a.id,
						value: a.value ?? '',
						groupChecked: a.name ? !!document.querySelector(`input[name="${a.name}"]:checked`) : false,
					};
				}, action);
				if (!el.inGrid)
					continue;
				if (el.tag === 'INPUT' && el.type === 'radio') {
					if (!reached.includes(el.name))
						reached.push(el.name);
					if (!el.groupChecked)
						await epage.keyboard.press('Space');
					if (el.name === 'decroche' && arrows === null) {
						// ArrowDown moves to the next answer and
						// chooses it; ArrowUp comes back.
						const a0 = await activeId(epage);
						await epage.keyboard.press('ArrowDown');
						const a1 = await activeId(epage);
						const c1 = await epage.evaluate((id) => !!document.getElementById(id)?.checked, a1);
						const hidden1 = await epage.locator('#q-sonneries-group').isHidden();
						await epage.keyboard.press('ArrowUp');
						const a2 = await activeId(epage);
						const c2 = await epage.evaluate((id) => !!document.getElementById(id)?.checked, a2);
						const shown2 = await epage.locator('#q-sonneries-group').isVisible();
						arrows = { ok: a1 !== a0 && c1 && a2 === a0 && c2, path: `${a0} → ${a1} → ${a2}`,
							when: `sonneries hidden with ${a1}: ${hidden1}, shown with ${a2}: ${shown2}`,
							whenOk: hidden1 && shown2 };
					}
				} else if (el.tag === 'INPUT' && el.type === 'number' && el.value === '') {
					await epage.keyboard.type(el.name === 'sonneries' ? '3' : '42');
					typed++;
				} else if (el.tag === 'TEXTAREA' && el.value === '') {
					await epage.keyboard.type('Saisi au clavier « é » & <b>');
					typed++;
				} else if (el.tag === 'BUTTON' && el.type === 'submit') {
					button = true;
				}
			}
			t.ok(arrows && arrows.ok, 'ArrowDown and ArrowUp move through the answers of decroche, choosing them',
				arrows ? arrows.path : 'decroche not reached');
			t.ok(arrows && arrows.whenOk, 'the questions asked only when someone picked up (sonneries) ' +
				'hide when decroche is not "conforme" and show again when it is',
				arrows ? arrows.when : 'decroche not reached');
			const shown = await epage.evaluate((act) => {
				const f = [...document.forms].find((x) => x.getAttribute('action') === act);
				const g = [];
				for (const r of f ? f.querySelectorAll('input[type=radio]') : [])
					if (r.checkVisibility() && !g.includes(r.name))
						g.push(r.name);
				return g;
			}, action);
			const answers = await gridAnswers(epage, action);
			const names = answers.map((a) => a.split('=')[0]);
			const missed = shown.filter((g) => !reached.includes(g) || !names.includes(g));
			diag(`  radio groups reached: ${reached.join(' ')}; fields typed in: ${typed}`);
			t.ok(shown.length > 0 && missed.length === 0,
				`Tab reaches every radio group shown and Space answers it (${shown.length})`,
				`not reached or not answered: ${missed.join(', ')}`);
			t.ok(button, 'Tab reaches the Enregistrer button');
			for (const a of answers)
				out('expect', a);
			await epage.keyboard.press('Enter');
			t.ok(await arrivedAt(epage, '/mystere/'), 'Enter on it sends the grid and lands on /mystere/',
				`at ${epage.url()}`);
			const status = oneLine(await epage.locator('[role=status]').first().textContent().catch(() => ''));
			t.ok(status === 'Le contact est enregistré.', 'which says "Le contact est enregistré."',
				`status: ${status}`);
			t.ok(/1 contact saisi sur 4 créneaux/.test(await epage.locator('main').textContent()),
				'and counts 1 contact out of 4 slots');
		});

		// ---- 4. the referent's results: chart, tables, breakdown
		await section('referent results', 8, async (t) => {
			const p = `/referent/campagnes/${campaign}`;
			await rpage.goto(`${base}${p}`);
			const charts = await accessibleNames(rpage, 'main svg');
			const main = charts.find((c) => c.where === 'resultats');
			diag(`  main chart: role ${main?.role}, name "${main?.name}"`);
			const attr = await rpage.locator('figure#resultats svg').getAttribute('role');
			t.ok(attr === 'img' && main && main.role === 'image' && main.name.length > 10,
				'the main chart is an SVG with role="img" and an accessible name',
				`role="${attr}", ${JSON.stringify(main)}`);
			const unnamed = charts.filter((c) => c.role !== 'image' || c.name.trim() === '');
			diag(`  SVGs in main: ${charts.map((c) => `#${c.where} ${c.role} "${c.name.slice(0, 40)}…"`).join(', ')}`);
			t.ok(charts.length >= 3 && unnamed.length === 0,
				`every SVG of the page (${charts.length}: two charts, the QR code) is an image with a name`,
				`without: ${JSON.stringify(unnamed)}`);
			const tables = await rpage.evaluate(() => [...document.querySelectorAll('main table')].map((tb) => ({
				id: tb.id, caption: tb.caption ? tb.caption.textContent.trim() : '',
				cols: tb.querySelectorAll('thead th[scope=col]').length,
				rows: tb.querySelectorAll('tbody th[scope=row]').length,
			})));
			diag(`  tables: ${tables.map((x) => `#${x.id || '?'} (${x.cols} col, ${x.rows} row headers)`).join(', ')}`);
			const data = tables.find((x) => x.id === 'resultats-table');
			t.ok(data && data.caption !== '' && data.cols >= 2 && data.rows > 0,
				'the data table #resultats-table has a caption, column and row headers', JSON.stringify(data));
			const bad = tables.filter((x) => x.caption === '' || x.cols === 0);
			t.ok(tables.length >= 2 && bad.length === 0, `every table (${tables.length}) has a caption and column headers`,
				JSON.stringify(bad));

			// The breakdown: Tab to the criterion, ArrowDown, Tab over
			// "Selon" to the button, Enter.
			const before = await rpage.locator('#critere').inputValue();
			const captionBefore = oneLine(await rpage.locator('#detail-table caption').textContent().catch(() => ''));
			await rpage.evaluate(() => document.activeElement && document.activeElement.blur());
			t.ok(await tabTo(rpage, 'critere', 60), 'Tab reaches the criterion of the breakdown');
			await rpage.keyboard.press('ArrowDown');
			const after = await rpage.locator('#critere').inputValue();
			const label = oneLine(await rpage.locator('#critere option:checked').textContent());
			t.ok(after !== before, `ArrowDown changes it (${before} → ${after}, "${label}")`);
			// Tab past the "Selon" select (235809c) to the button.
			let onButton = false;
			for (let i = 0; i < 2 && !onButton; i++) {
				await rpage.keyboard.press('Tab');
				onButton = await rpage.evaluate(() => {
					const a = document.activeElement;
					return a.tagName === 'BUTTON' && a.form && !!a.form.querySelector('#critere');
				});
			}
			await rpage.keyboard.press('Enter');
			await rpage.waitForURL((u) => u.searchParams.get('critere') === after, { timeout: NAV_MS })
				.catch(() => {});
			await rpage.waitForLoadState('load');
			const u = new URL(rpage.url());
			t.ok(onButton && u.pathname === p && u.searchParams.get('critere') === after,
				'Tab then Enter on Afficher asks for the new criterion', `on the button: ${onButton}, at ${rpage.url()}`);
			const caption = oneLine(await rpage.locator('#detail-table caption').textContent().catch(() => ''));
			const title = oneLine(await rpage.locator('#detail-title').textContent().catch(() => ''));
			const selected = await rpage.locator('#critere').inputValue();
			// Since 235809c the caption names the criterion by its question,
			// not by the option's short label: it must have changed.
			t.ok(caption.includes(' selon ') && caption !== captionBefore && title !== '' && selected === after,
				'the page shows the breakdown of the new criterion, still selected',
				`caption: ${caption}; title: ${title}; selected: ${selected}`);
		});

		// ---- 5. a phone's screen
		await section('mobile (412×915)', 4, async (t) => {
			const ctx = await newContext(browser, {
				viewport: { width: 412, height: 915 }, hasTouch: true, isMobile: true,
				deviceScaleFactor: 2, storageState: await enq.storageState(),
			});
			const page = await ctx.newPage();
			for (const [name, p] of [['/mystere/', '/mystere/'], ['the grid page', grid(errSlot)]]) {
				await page.goto(`${base}${p}`);
				const w = await overflow(page);
				t.ok(new URL(page.url()).pathname === p && w.scroll <= w.inner && w.scroll <= 412,
					`no horizontal scrolling on ${name}`,
					`at ${page.url()}; scrollWidth ${w.scroll}, innerWidth ${w.inner}, clientWidth ${w.client}; ` +
					`too wide: ${w.wide.join(' ')}`);
				const tables = await page.evaluate(() => [...document.querySelectorAll('main table')]
					.filter((tb) => tb.scrollWidth > tb.clientWidth + 0.5)
					.map((tb) => `${tb.caption ? tb.caption.textContent.trim().slice(0, 30) : 'table'} ` +
						`(${tb.scrollWidth} px in ${tb.clientWidth})`));
				if (tables.length)
					diag(`  on ${name}, tables scrolled within themselves: ${tables.join(', ')}`);
				if (p === '/mystere/') {
					// The header's tools are in the DSFR's menu on a
					// phone: its "Menu" button opens it.
					await page.locator('#bouton-menu').click();
					const logout = page.locator('#menu-en-tete form[action="/mystere/deconnexion"] button');
					await logout.waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
					t.ok(await logout.isVisible(), 'the "Menu" button shows the "Se déconnecter" button on a phone',
						`${await logout.count()} button(s) in the menu, none visible`);
					await page.locator('#menu-en-tete .fr-btn--close').click();
				}
				const file = path.join(outdir, `staff-${p === '/mystere/' ? 'slots' : 'grid'}-412x915.png`);
				await page.screenshot({ path: file, fullPage: true });
			}
			const sizes = ['slots', 'grid'].map((n) => statSync(path.join(outdir, `staff-${n}-412x915.png`)).size);
			t.ok(sizes.every((s) => s > 0), `phone screenshots (${sizes.join(', ')} bytes)`);
			await ctx.close();
		});

		// ---- 6. a paper questionnaire's correction pages, wide and narrow
		await section('paper corrections (1280 and 360)', 9, async (t) => {
			const q = `/referent/campagnes/${paperCampaign}/papier/${paperId}`;
			const pages = [
				['list', `/referent/campagnes/${paperCampaign}/papier/saisis`],
				['questionnaire', q], ['withdrawal', `${q}/retrait`],
			];
			for (const width of [1280, 360]) {
				const ctx = await newContext(browser, {
					viewport: { width, height: 900 }, storageState: await ref.storageState(),
				});
				const page = await ctx.newPage();
				for (const [name, p] of pages) {
					const r = await page.goto(`${base}${p}`);
					if (r.status() !== 200) {
						t.ok(false, `the paper ${name} page answers 200 at ${width} px`, `HTTP ${r.status()}`);
						continue;
					}
					await audit(t, page, `paper ${name} page at ${width} px`);
					if (width === 360) {
						const w = await overflow(page);
						t.ok(w.scroll <= w.inner && w.scroll <= 360,
							`no horizontal scrolling on the paper ${name} page at 360 px`,
							`scrollWidth ${w.scroll}, innerWidth ${w.inner}; too wide: ${w.wide.join(' ')}`);
					}
					await page.screenshot({ path: path.join(outdir, `paper-${name}-${width}.png`),
						fullPage: true });
				}
				await ctx.close();
			}
		});

		// ---- 6b. the password page, and its errors, wide and narrow
		await section('password page (1280 and 360 px)', 6, async (t) => {
			for (const width of [1280, 360]) {
				const ctx = await newContext(browser, {
					viewport: { width, height: 900 }, storageState: await ref.storageState(),
				});
				const page = await ctx.newPage();
				for (const name of ['form', 'errors']) {
					if (name === 'form') {
						await page.goto(`${base}/referent/mot-de-passe`);
					} else {
						await page.fill('#actuel', 'pas le bon mot de passe');
						await page.fill('#nouveau', 'court');
						await page.fill('#confirmation', 'autre');
						await Promise.all([page.waitForNavigation(), page.click('button[type=submit]:has-text("Changer")')]);
					}
					await audit(t, page, `password ${name} page at ${width} px`);
					if (width === 360) {
						const w = await overflow(page);
						t.ok(w.scroll <= w.inner && w.scroll <= 360,
							`no horizontal scrolling on the password ${name} page at 360 px`,
							`scrollWidth ${w.scroll}, innerWidth ${w.inner}; too wide: ${w.wide.join(' ')}`);
					}
					await page.screenshot({ path: path.join(outdir, `password-${name}-${width}.png`),
						fullPage: true });
				}
				await ctx.close();
			}
		});

		// ---- 7. the services of a site, wide and narrow
		await section('site services (1280 and 360 px)', 6, async (t) => {
			for (const width of [1280, 360]) {
				const ctx = await newContext(browser, {
					viewport: { width, height: 900 }, storageState: await ref.storageState(),
				});
				const page = await ctx.newPage();
				await page.goto(`${base}/referent/services`);
				const href = await page.locator('main li a[href^="/referent/services/"]').first()
					.getAttribute('href').catch(() => null);
				const r = href ? await page.goto(`${base}${href}`) : null;
				t.ok(r && r.status() === 200 && await page.locator('main table').count() === 1,
					`${width} px: the referent's site lists its services`, `link ${href}, HTTP ${r && r.status()}`);
				await audit(t, page, `/referent/services/ID at ${width} px`);
				const w = await overflow(page);
				t.ok(w.scroll <= w.inner && w.scroll <= width, `${width} px: no horizontal scrolling`,
					`scrollWidth ${w.scroll}, innerWidth ${w.inner}; too wide: ${w.wide.join(' ')}`);
				await page.screenshot({ path: path.join(outdir, `staff-services-${width}.png`), fullPage: true });
				await ctx.close();
			}
		});

		// ---- 8. the referentials and a site's own, wide and narrow
		await section('site referential (1280 and 360 px)', 10, async (t) => {
			for (const width of [1280, 360]) {
				const ctx = await newContext(browser, {
					viewport: { width, height: 900 }, storageState: await ref.storageState(),
				});
				const page = await ctx.newPage();
				await page.goto(`${base}/referent/referentiels`);
				await audit(t, page, `/referent/referentiels at ${width} px`);
				let w = await overflow(page);
				t.ok(w.scroll <= w.inner && w.scroll <= width, `${width} px: the list does not scroll sideways`,
					`scrollWidth ${w.scroll}, innerWidth ${w.inner}; too wide: ${w.wide.join(' ')}`);
				await page.screenshot({ path: path.join(outdir, `staff-referentials-${width}.png`), fullPage: true });
				const href = await page.locator('main li a[href^="/referent/referentiels/"]').first()
					.getAttribute('href').catch(() => null);
				const r = href ? await page.goto(`${base}${href}`) : null;
				t.ok(r && r.status() === 200 && await page.locator('main #rf-reply-delay').count() === 1,
					`${width} px: the referent's site has the form of its own referential`,
					`link ${href}, HTTP ${r && r.status()}`);
				await audit(t, page, `/referent/referentiels/ID at ${width} px`);
				w = await overflow(page);
				t.ok(w.scroll <= w.inner && w.scroll <= width, `${width} px: the form does not scroll sideways`,
					`scrollWidth ${w.scroll}, innerWidth ${w.inner}; too wide: ${w.wide.join(' ')}`);
				await page.screenshot({ path: path.join(outdir, `staff-referential-${width}.png`), fullPage: true });
				await ctx.close();
			}
		});

		// ---- 9. the results' summary read as a person reads it, and the
		// confirmation of an action, wide and narrow
		await section('results summary (1280 and 360 px)', 8, async (t) => {
			for (const width of [1280, 360]) {
				const ctx = await newContext(browser, {
					viewport: { width, height: 900 }, storageState: await ref.storageState(),
				});
				const page = await ctx.newPage();
				await page.goto(`${base}/referent/campagnes/${campaign}`);
				const item = page.locator('li.qm-summary__item[data-criterion="courtoisie"]');
				const name = oneLine(await item.locator('h3').textContent().catch(() => ''));
				const rate = oneLine(await item.locator('.qm-summary__rate').innerText().catch(() => ''))
					.replace(/\u00a0/g, ' ');
				const badge = oneLine(await item.locator('.fr-badge').innerText().catch(() => ''))
					.replace(/\u00a0/g, ' ');
				const first = await page.evaluate(() => {
					const h = document.querySelector('main h2');
					return h ? h.textContent.trim() : '';
				});
				t.ok(first === 'L’essentiel' && name === 'Courtoisie' &&
					rate === '78 % satisfaits (entre 62 % et 88 %, sur 36 réponses)' &&
					/^objectif 80 % : non concluant$/i.test(badge),
					`${width} px: the first section reads "Courtoisie", its rate, interval and badge`,
					`first h2 "${first}", name "${name}", rate "${rate}", badge "${badge}"`);
				await audit(t, page, `results page at ${width} px`);
				const w = await overflow(page);
				t.ok(w.scroll <= w.inner && w.scroll <= width, `${width} px: no horizontal scrolling on the results`,
					`scrollWidth ${w.scroll}, innerWidth ${w.inner}; too wide: ${w.wide.join(' ')}`);
				await page.screenshot({ path: path.join(outdir, `results-${width}.png`), fullPage: true });
				const r = await page.goto(`${base}/referent/campagnes/${campaign}/ouvrir`);
				if (r.status() !== 200)
					t.ok(false, `${width} px: the confirmation of reopening answers 200`, `HTTP ${r.status()}`);
				else
					await audit(t, page, `reopening's confirmation at ${width} px`);
				await page.screenshot({ path: path.join(outdir, `confirm-${width}.png`), fullPage: true });
				await ctx.close();
			}
		});

		// (The 400 of the grid submitted empty is expected.)
		const unexpected = eErrors.filter((e) => !/status of 400/.test(e));
		if (unexpected.length)
			diag(`console errors on the enquirer's pages: ${unexpected.slice(0, 5).join(' | ')}`);
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

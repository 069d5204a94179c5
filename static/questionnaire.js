/*
 * Shows a conditional question only when the answer it depends on is
 * given, without ever clearing what was typed in it: the page works the
 * same without this script (every question is then shown, and the server
 * ignores an answer whose condition is not met). Also brings an error
 * summary into focus, on every page that has one.
 */
(function () {
	"use strict";

	/* After an error, the summary first: it links to each field. */
	var summary = document.getElementById("erreurs");
	if (summary)
		summary.focus();

	/* The form that holds the questions: not the header's logout form,
	   which staff pages place before it. */
	var first = document.querySelector("[data-when-key]");
	var form = first && first.closest("form");
	if (!form)
		return;
	var dependents = form.querySelectorAll("[data-when-key]");

	function currentValue(key) {
		var checked = form.querySelector("input[name=\"" + key +
		    "\"]:checked");
		return checked ? checked.value : null;
	}

	function update() {
		for (var i = 0; i < dependents.length; i++) {
			var el = dependents[i];
			var shown = currentValue(el.getAttribute("data-when-key")) ===
			    el.getAttribute("data-when-value");
			/* A question in error stays visible whatever its
			   condition, so the message is never hidden. */
			if (el.classList.contains("fr-fieldset--error") ||
			    el.classList.contains("fr-input-group--error"))
				shown = true;
			el.hidden = !shown;
		}
	}

	form.addEventListener("change", update);
	update();
})();

/*
 * A questionnaire is sent once. Going back to it after the thank-you
 * page reloads it (it is never cached) with a new form token while the
 * browser puts the ticked answers back: sent again, it would be a second
 * response. So the thank-you page notes, for this tab only, that the
 * questionnaire was sent; coming back to it by the history (or a reload)
 * then shows that it was, with a link to fill in a new one, which a new
 * visitor at a hall's tablet follows. Nothing is kept beyond the tab.
 */
(function () {
	"use strict";

	var thanks = /^(\/enquete\/[a-z0-9-]+)\/merci$/.exec(location.pathname);
	var key = "qm-envoye:";
	var store;

	try {
		store = window.sessionStorage;
	} catch (e) {
		return;
	}
	if (!store)
		return;
	if (thanks) {
		store.setItem(key + thanks[1], "1");
		return;
	}
	if (!/^\/enquete\/[a-z0-9-]+$/.test(location.pathname))
		return;
	var token = document.querySelector("input[name=\"_jeton\"]");
	var form = token && token.closest("form");
	if (!form)
		return;
	var nav = window.performance && performance.getEntriesByType ?
	    performance.getEntriesByType("navigation")[0] : null;
	var how = nav ? nav.type : "navigate";
	if (how !== "back_forward" && how !== "reload") {
		store.removeItem(key + location.pathname);
		return;
	}
	if (store.getItem(key + location.pathname) !== "1")
		return;

	var en = document.documentElement.lang === "en";
	var box = document.createElement("div");
	box.className = "fr-alert fr-alert--info fr-mb-4w";
	box.id = "deja-envoye";
	var h = document.createElement("h2");
	h.className = "fr-alert__title";
	h.textContent = en ? "Your answers have already been sent" :
	    "Vos réponses ont déjà été envoyées";
	var p = document.createElement("p");
	p.textContent = en ? "Thank you: they are recorded once and for all." :
	    "Merci : elles sont enregistrées, une fois pour toutes.";
	var a = document.createElement("a");
	a.className = "fr-btn fr-mt-2w";
	a.href = location.pathname + location.search;
	a.textContent = en ? "Fill in a new questionnaire" :
	    "Remplir un nouveau questionnaire";
	a.addEventListener("click", function () {
		store.removeItem(key + location.pathname);
	});
	box.appendChild(h);
	box.appendChild(p);
	box.appendChild(a);
	form.parentNode.insertBefore(box, form);
	form.hidden = true;
	h.tabIndex = -1;
	h.focus();
})();

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

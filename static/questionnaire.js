/*
 * Shows a conditional question only when the answer it depends on is
 * given, without ever clearing what was typed in it: the page works the
 * same without this script (every question is then shown, and the server
 * ignores an answer whose condition is not met).
 */
(function () {
	"use strict";
	var form = document.querySelector("form[method=post]");
	if (!form)
		return;
	var dependents = form.querySelectorAll("[data-when-key]");
	if (dependents.length === 0)
		return;

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

	/* After an error, bring the summary into view and focus. */
	var summary = document.getElementById("erreurs");
	if (summary)
		summary.focus();
})();

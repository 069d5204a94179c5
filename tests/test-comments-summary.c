/*
 * The answers a comment came with, summarised on the comments page
 * (comments_summary): the options of the choices that are no criteria,
 * the criteria answered satisfied out of those with an opinion and the
 * short names of the others; what the form does not know left out, and
 * every label escaped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "comments.h"
#include "form.h"
#include "tap.h"

/* The summary of answers, as a NUL-terminated string in b. */
static const char *
summary(struct buf *b, const struct form *f, const char *answers)
{
	buf_reset(b);
	comments_summary(b, f, answers);
	buf_putc(b, '\0');
	return b->data;
}

static void
has(const char *got, const char *want, const char *what)
{
	if (!tap_ok(strstr(got, want) != NULL, "%s", what))
		tap_diag("got %s", got);
}

int
main(void)
{
	const char	*top = getenv("top_srcdir");
	char		 path[1024], schema[1024], *cause = NULL;
	struct form	*f = NULL;
	struct buf	 b = { 0 };
	const char	*s;

	tap_plan(9);
	if (top == NULL)
		top = ".";
	snprintf(path, sizeof(path), "%s/forms/satisfaction.xml", top);
	snprintf(schema, sizeof(schema), "%s/forms/form.rng", top);
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		return 1;
	}

	s = summary(&b, f, "attente=pas-du-tout-satisfait\n"
	    "courtoisie=peu-satisfait\ndisponibilite=satisfait\n"
	    "motif=autre");
	tap_ok(strncmp(s, "<p class=\"fr-text--sm fr-mb-1w\">Une autre "
	    "démarche · ", 40) == 0, "a paragraph, the choice's option first");
	has(s, "1 critère(s) sur 3 satisfait(s) ou conforme(s) ; pas "
	    "satisfait ou non conforme : Temps d’attente, Courtoisie</p>",
	    "the criteria satisfied out of three, the others by short name");

	s = summary(&b, f, "courtoisie=sans-avis\nattente=satisfait");
	has(s, "1 critère(s) sur 1 satisfait(s)", "no opinion is left out");
	tap_ok(strstr(s, "pas satisfait") == NULL,
	    "no list when every criterion with an opinion is satisfied");

	s = summary(&b, f, "inconnu=x\ncourtoisie=nimporte\nsans-egal\n"
	    "commentaire=texte");
	has(s, "Aucune réponse aux critères",
	    "unknown keys, values, lines without '=' and texts left out");
	s = summary(&b, f, "");
	has(s, "Aucune réponse aux critères", "no answer at all");

	s = summary(&b, f, "motif=vehicule-permis");
	tap_ok(strstr(s, "immatriculation") != NULL &&
	    strstr(s, "L'") == NULL, "the option's label is escaped");
	s = summary(&b, f, "canal=telephone\nprofil=elu");
	tap_ok(strstr(s, " · ") != NULL && strstr(s, "critère") == NULL,
	    "two choices, joined, without criteria");
	s = summary(&b, f, "attente=satisfait\nattente=peu-satisfait");
	has(s, "1 critère(s) sur 2", "each answer counts as given");

	buf_free(&b);
	form_free(f);
	return tap_done();
}

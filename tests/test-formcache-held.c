/*
 * The form cache keeps every form a request holds, even past its size,
 * and frees the least recently used ones only when trimmed between
 * requests. Regression (issue 9, 2026-12-03): a cache filled past its
 * size emptied itself inside formcache_get and freed the forms its
 * callers still held (the national view holds one per form version);
 * with that behaviour put back in formcache_add, case 2 below reads
 * freed memory (AddressSanitizer: heap-use-after-free).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "formcache.h"
#include "tap.h"

#define NFORMS	(FORMCACHE_MAX + 9)

/* The forms of ids 1 .. n that the cache still has. */
static int
present(struct formcache *fc, int n)
{
	int	id, k = 0;

	for (id = 1; id <= n; id++)
		k += formcache_get(fc, id) != NULL;
	return k;
}

int
main(void)
{
	const char		*top = getenv("top_srcdir");
	char			 path[1024], schema[1024], *cause = NULL;
	struct formcache	*fc;
	struct form		*f;
	const struct form	*first = NULL, *last;
	char			*title = NULL;
	int			 id, same;

	tap_plan(7);
	if (top == NULL)
		top = ".";
	snprintf(path, sizeof(path), "%s/forms/mystery-call.xml", top);
	snprintf(schema, sizeof(schema), "%s/forms/form.rng", top);
	fc = formcache_create(NULL, schema);

	for (id = 1; id <= NFORMS; id++) {
		if (form_load(path, schema, &f, &cause) == -1) {
			tap_diag("%s", cause);
			return 1;
		}
		formcache_add(fc, id, f);
		if (id == 1) {
			/* What a request holds while it fills the cache. */
			first = formcache_get(fc, 1);
			title = strdup(form_title(first));
		}
	}
	tap_ok(first != NULL && formcache_get(fc, 1) == first,
	    "a form held is still the cache's after %d more", NFORMS - 1);
	tap_ok(first != NULL && strcmp(form_title(first), title) == 0 &&
	    form_nquestions(first) > 0,
	    "and still readable: not freed while held");
	tap_ok(present(fc, NFORMS) == NFORMS,
	    "before a trim, the cache holds all %d forms", NFORMS);

	/* Use 1 .. FORMCACHE_MAX last, in that order: the others go. */
	for (id = 1; id <= FORMCACHE_MAX; id++)
		formcache_get(fc, id);
	last = formcache_get(fc, FORMCACHE_MAX);
	formcache_trim(fc);
	tap_ok(formcache_get(fc, FORMCACHE_MAX + 1) == NULL &&
	    formcache_get(fc, NFORMS) == NULL,
	    "a trim frees the least recently used forms");
	tap_ok(present(fc, NFORMS) == FORMCACHE_MAX,
	    "and keeps %d", FORMCACHE_MAX);
	tap_ok(formcache_get(fc, FORMCACHE_MAX) == last &&
	    strcmp(form_title(last), title) == 0,
	    "the most recently used among them, as they were");

	/* An id given twice keeps its first form. */
	if (form_load(path, schema, &f, &cause) == -1) {
		tap_diag("%s", cause);
		return 1;
	}
	formcache_add(fc, FORMCACHE_MAX, f);
	same = formcache_get(fc, FORMCACHE_MAX) == last;
	tap_ok(same, "adding an id held already keeps its form");

	free(title);
	formcache_free(fc);
	return tap_done();
}

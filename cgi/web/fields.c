/* The fields of staff forms: reading them against a table, their errors. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cal.h"
#include "fields.h"
#include "html.h"
#include "http.h"
#include "utf8.h"
#include "xmalloc.h"

void
fields_fail(struct fields_errors *errs, size_t slot, const char *fmt, ...)
{
	va_list	 ap;
	char	**to;

	to = slot < FIELDS_SLOTS_MAX ? &errs->error[slot] : &errs->form_error;
	if (*to != NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(to, fmt, ap);
	va_end(ap);
	errs->nerrors++;
}

void
fields_form_fail(struct fields_errors *errs, const char *fmt, ...)
{
	va_list	ap;

	if (errs->form_error != NULL)
		return;
	va_start(ap, fmt);
	xvasprintf(&errs->form_error, fmt, ap);
	va_end(ap);
	errs->nerrors++;
}

void
fields_free(struct fields_errors *errs)
{
	size_t	i;

	if (errs == NULL)
		return;
	for (i = 0; i < FIELDS_SLOTS_MAX; i++)
		free(errs->error[i]);
	free(errs->form_error);
	memset(errs, 0, sizeof(*errs));
}

void
fields_read(const struct req *r, const struct fields_field *fields,
    size_t n, int flags, void *in, struct fields_errors *errs)
{
	const struct http_field		*f;
	const struct fields_field	*ff;
	int				*seen;
	size_t				 i, k;

	seen = xcalloc(n + 1, sizeof(*seen));	/* xcalloc refuses 0 */
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		for (k = 0; k < n; k++)
			if (strcmp(f->key, fields[k].name) == 0)
				break;
		ff = k < n ? &fields[k] : NULL;
		if (ff == NULL || (seen[k] && !ff->repeat)) {
			if (flags & FIELDS_NAME_FIELD)
				fields_form_fail(errs, "Ce formulaire contient "
				    "un champ inconnu ou en double (« %s ») : "
				    "rechargez la page.", f->key);
			else
				fields_form_fail(errs, "Ce formulaire contient "
				    "un champ inconnu ou en double : rechargez "
				    "la page.");
			continue;
		}
		seen[k] = 1;
		if (ff->check == NULL)
			continue;
		if (strlen(f->val) != f->vallen) {
			/* A NUL byte inside: no validator sees it. */
			if (ff->slot < FIELDS_SLOTS_MAX)
				fields_fail(errs, ff->slot, "Cette valeur "
				    "contient un caractère interdit.");
			else
				fields_form_fail(errs, "Ce formulaire contient "
				    "un caractère interdit : rechargez la "
				    "page.");
			continue;
		}
		ff->check(in, f->val);
	}
	free(seen);
}

int
fields_id(struct fields_errors *errs, size_t slot, const char *v,
    long long *id, const char *bad)
{
	if (http_id_parse(v, id))
		return 1;
	fields_fail(errs, slot, "%s", bad);
	return 0;
}

int
fields_text(struct fields_errors *errs, size_t slot, const char *v,
    size_t max, const char *what)
{
	size_t	len = strlen(v);

	if (!utf8_valid(v, len)) {
		fields_fail(errs, slot, "%s contient des caractères "
		    "illisibles : saisissez-le à nouveau.", what);
		return 0;
	}
	if (utf8_length(v, len) > max) {
		fields_fail(errs, slot, "%s doit faire au plus %zu "
		    "caractères.", what, max);
		return 0;
	}
	return 1;
}

int
fields_line(struct fields_errors *errs, size_t slot, const char *v,
    size_t max, const char *what, char *out, size_t size)
{
	size_t	len;

	if (size > 0)
		out[0] = '\0';
	if (!fields_text(errs, slot, v, max, what))
		return 0;
	/* Spaces around the text are not part of it. */
	v += strspn(v, " \t\r\n");
	len = strlen(v);
	while (len > 0 && strchr(" \t\r\n", v[len - 1]) != NULL)
		len--;
	if (strcspn(v, "\t\r\n") < len) {
		fields_fail(errs, slot, "%s tient sur une ligne, sans "
		    "tabulation.", what);
		return 0;
	}
	snprintf(out, size, "%.*s", (int)len, v);
	return 1;
}

int
fields_date(struct fields_errors *errs, size_t slot, const char *v,
    long *day, const char *blank, const char *example)
{
	if (utf8_blank(v)) {
		fields_fail(errs, slot, "%s", blank);
		return 0;
	}
	if (cal_parse(v, day) == -1) {
		fields_fail(errs, slot, "Saisissez une date qui existe, au "
		    "format AAAA-MM-JJ (par exemple %s).", example);
		return 0;
	}
	return 1;
}

int
fields_count(struct fields_errors *errs, size_t slot, const char *v,
    long max, int flags, long *n, const char *bad)
{
	size_t	i, len, digits;
	long	m;

	*n = 0;
	/* Spaces are allowed only where a blank value is. */
	if (flags & FIELDS_OPTIONAL)
		while (*v == ' ')
			v++;
	len = strlen(v);
	if (flags & FIELDS_OPTIONAL) {
		while (len > 0 && v[len - 1] == ' ')
			len--;
		if (len == 0)
			return 1;
	}
	/* No more digits than max has: strtol cannot overflow. */
	for (digits = 1, m = max; m >= 10; m /= 10)
		digits++;
	if (len == 0 || len > digits)
		goto bad;
	for (i = 0; i < len; i++)
		if (v[i] < '0' || v[i] > '9')
			goto bad;
	*n = strtol(v, NULL, 10);
	if (*n >= 1 && *n <= max)
		return 1;
	*n = 0;
bad:
	fields_fail(errs, slot, "%s", bad);
	return 0;
}

void
fields_summary_of(struct buf *b, const char *heading, const char *form_error,
    const char *const *errors, const char *const *labels,
    const char *const *anchors, size_t nslots, int flags)
{
	size_t	i, n = form_error != NULL;

	for (i = 0; i < nslots; i++)
		n += errors[i] != NULL;
	if (n == 0)
		return;
	buf_printf(b, "<div class=\"fr-alert fr-alert--error fr-mb-4w\" "
	    "id=\"erreurs\" role=\"alert\" tabindex=\"-1\"%s>\n"
	    "<h2 class=\"fr-alert__title\">", flags & FIELDS_AUTOFOCUS ?
	    " autofocus" : "");
	html_puts(b, heading);
	if (n == 1)
		buf_puts(b, " : un point est à corriger");
	else
		buf_printf(b, " : %zu points sont à corriger", n);
	buf_puts(b, "</h2>\n<ul>\n");
	if (form_error != NULL) {
		buf_puts(b, "<li>");
		html_puts(b, form_error);
		buf_puts(b, "</li>\n");
	}
	for (i = 0; i < nslots; i++) {
		if (errors[i] == NULL)
			continue;
		buf_puts(b, "<li><a href=\"#");
		html_puts(b, anchors[i]);
		buf_puts(b, "\">");
		html_puts_label(b, labels[i]);
		buf_puts(b, "</a> : ");
		html_puts(b, errors[i]);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n</div>\n");
}

void
fields_summary(struct buf *b, const struct fields_errors *errs,
    const char *heading, const char *const *labels,
    const char *const *anchors, size_t nslots, int flags)
{
	fields_summary_of(b, heading, errs->form_error,
	    (const char *const *)errs->error, labels, anchors,
	    nslots < FIELDS_SLOTS_MAX ? nslots : FIELDS_SLOTS_MAX, flags);
}

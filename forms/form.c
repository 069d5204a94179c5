/*
 * Loads a form definition: parses the XML safely, validates it against
 * forms/form.rng, makes the checks the schema cannot express, and copies
 * it into a read-only model whose memory all comes from one arena.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <sodium.h>

#include "form.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * No network, no entity expansion, no DTD loading; blank text nodes
 * between elements are dropped; line numbers above 65535 are kept.
 */
#define FORM_XML_OPTS	(XML_PARSE_NONET | XML_PARSE_NOBLANKS | \
			    XML_PARSE_BIG_LINES)

/* A definition is a few tens of KB; anything this big is a mistake. */
#define FORM_MAX_SIZE	(4 * 1024 * 1024)

/* Bounds of a text question's maxlength, in code points. */
#define FORM_MAXLEN_MAX	10000

/* libxml2 2.12 made the structured error handler's error const. */
#if LIBXML_VERSION >= 21200
#define XMLERR_CONST	const
#else
#define XMLERR_CONST
#endif

/* A block of the arena every part of a form is allocated from. */
struct arena {
	struct arena	*next;
	size_t		 size;		/* usable bytes in data */
	size_t		 used;
	max_align_t	 data[];
};

struct form {
	struct arena		*arena;		/* owns everything below */
	const char		*key;
	int			 version;
	enum formkind		 kind;
	const char		*title;
	const char		*intro;		/* or NULL */
	char			 sha256[crypto_hash_sha256_BYTES * 2 + 1];
	char			*source;	/* the XML, NUL-terminated */
	size_t			 sourcelen;
	struct form_scale	*scales;
	size_t			 nscales;
	struct form_section	*sections;
	size_t			 nsections;
	struct form_question	*questions;
	size_t			 nquestions;
	/* Languages: langs[0] is "fr", the model above; tr[i] holds the
	   same model with the texts of langs[i] (French where that
	   language has none), tr[0] NULL. Set on the French form only;
	   a translation points back to it by parent. */
	char			 langs[FORM_LANGS_MAX][FORM_LANG_LEN];
	size_t			 nlangs;
	struct form		*tr[FORM_LANGS_MAX];
	const struct form	*parent;	/* or NULL: the French form */
	char			**warnings;	/* the loader's (French form) */
	size_t			 nwarnings;
};

/* The first libxml2 error of a parse or a validation. */
struct capture {
	char	*message;	/* the first error, or NULL */
	int	 line;		/* its line, 0 when unknown */
	int	 located;	/* message has a line */
};

/* What building a form from a valid tree needs at hand. */
struct build {
	struct form	*f;
	const char	*lang;		/* the texts kept: "fr", "en"... */
	struct form	*top;		/* the French form, which collects
					   a translation's warnings, or
					   NULL */
	const char	*name;		/* the file, for messages */
	char		**cause;
	xmlNodePtr	*cnodes;	/* element of each scale */
	xmlNodePtr	*snodes;	/* element of each section */
	xmlNodePtr	*qnodes;	/* element of each question or delay */
	xmlNodePtr	*wnodes;	/* its when element, or NULL */
};

/* A schema parsed once per process and path. */
struct schema {
	struct schema	*next;
	char		*path;
	xmlRelaxNGPtr	 rng;
};

static const char *const qkind_names[QKIND__MAX] = {
	"scale", "choice", "multi", "yesno", "integer", "date", "datetime",
	"duration", "text", "delay"
};

static const char *const formkind_names[FORMKIND__MAX] = {
	"satisfaction", "mystery-call", "mystery-email", "self-assessment"
};

/* Each rule's name in the XML, and the kind of criterion it judges. */
static const struct rule_def {
	const char	*name;
	enum qkind	 kind;
} rule_defs[FORM_RULE__MAX] = {
	[FORM_RULE_NONE] =		{ NULL,		 QKIND__MAX },
	[FORM_RULE_REPLY_DELAY] =	{ "reply-delay", QKIND_DELAY },
	[FORM_RULE_RINGS] =		{ "rings",	 QKIND_INTEGER },
	[FORM_RULE_PICKED_UP] =		{ "picked-up",	 QKIND_YESNO },
};

/* The options every yesno question gets, as the referentials word them. */
static const struct form_option yesno_options[] = {
	{ "conforme",		"Conforme",	1, 0 },
	{ "non-conforme",	"Non conforme",	0, 0 },
	{ "sans-objet",		"Sans objet",	0, 1 },
};

/*
 * The options of a yesno question with answers="yes-no": a fact, read
 * Oui or Non, that always applies. Its codes are the others', so that a
 * new version of a grid counts and compares as the old one did.
 */
static const struct form_option yesno_plain_options[] = {
	{ "conforme",		"Oui",		1, 0 },
	{ "non-conforme",	"Non",		0, 0 },
};

/*
 * Parsed schemas, never freed: workers load several forms against the
 * same schema. Not thread-safe; our programs are one thread per process.
 */
static struct schema	*schemas;

/*
 * Returns nmemb * size zeroed bytes (nmemb may be 0), aligned for any
 * type, that live as long as the arena.
 */
static void *
arena_alloc(struct arena **ap, size_t nmemb, size_t size)
{
	struct arena	*a = *ap;
	size_t		 align = _Alignof(max_align_t), bsize;
	void		*p;

	/* Counts come from a document of at most FORM_MAX_SIZE bytes. */
	if (nmemb != 0 && SIZE_MAX / 2 / nmemb < size)
		abort();
	size *= nmemb;
	if (size == 0)
		size = 1;
	size = (size + align - 1) / align * align;
	if (a == NULL || a->size - a->used < size) {
		bsize = size > 8192 ? size : 8192;
		a = xmalloc(sizeof(*a) + bsize);
		a->next = *ap;
		a->size = bsize;
		a->used = 0;
		*ap = a;
	}
	p = (char *)a->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

static void
arena_free(struct arena *a)
{
	struct arena	*next;

	for (; a != NULL; a = next) {
		next = a->next;
		free(a);
	}
}

/* Sets *cause to "name:line: message", or "name: message" without a line. */
static void __attribute__((format(printf, 4, 5)))
set_cause(char **cause, const char *name, long line, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	xvasprintf(&msg, fmt, ap);
	va_end(ap);
	if (line > 0)
		xasprintf(cause, "%s:%ld: %s", name, line, msg);
	else
		xasprintf(cause, "%s: %s", name, msg);
	free(msg);
}

/*
 * Structured error handler for libxml2: keeps the first error that has a
 * line, or the first error at all until one with a line comes (the tree
 * validator reports some errors without their element, then a precise
 * one). Warnings are not failures and are ignored.
 */
static void
capture_error(void *arg, XMLERR_CONST xmlError *e)
{
	struct capture	*cap = arg;
	xmlNodePtr	 n;
	const char	*msg;
	char		*p, *q;

	if (e == NULL || e->level < XML_ERR_ERROR || cap->located)
		return;
	if (cap->message != NULL && e->line <= 0)
		return;
	free(cap->message);
	msg = e->message != NULL ? e->message : "unknown XML error";
	/* The validator does not always name the element: xmllint's way. */
	n = e->node;
	if (n != NULL && n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strstr(msg, (const char *)n->name) == NULL)
		xasprintf(&cap->message, "element %s: %s",
		    (const char *)n->name, msg);
	else
		cap->message = xstrdup(msg);
	/* One line: some messages end with a newline or hold two lines. */
	for (p = q = cap->message; *p != '\0'; p++) {
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
		if (*p != ' ' || (q > cap->message && q[-1] != ' '))
			*q++ = *p;
	}
	while (q > cap->message && q[-1] == ' ')
		q--;
	*q = '\0';
	cap->line = e->line > 0 ? e->line : 0;
	cap->located = cap->line > 0;
}

/* Sets *cause from a capture, or to fallback when libxml2 said nothing. */
static void
capture_cause(const struct capture *cap, const char *name,
    const char *fallback, char **cause)
{
	if (cap->message != NULL)
		set_cause(cause, name, cap->line, "%s", cap->message);
	else
		set_cause(cause, name, 0, "%s", fallback);
}

/*
 * Reads the whole file at path into *buf (NUL-terminated, the caller
 * frees it) and its length into *len. Returns 0, or -1 with *cause set.
 */
static int
read_file(const char *path, char **buf, size_t *len, char **cause)
{
	FILE	*fp;
	char	*b = NULL;
	size_t	 n = 0, cap = 0, r;
	int	 rc = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		set_cause(cause, path, 0, "%s", strerror(errno));
		goto out;
	}
	for (;;) {
		if (cap - n < 4096) {
			cap = cap == 0 ? 16384 : cap * 2;
			b = xreallocarray(b, cap, 1);
		}
		r = fread(b + n, 1, cap - n - 1, fp);
		n += r;
		if (n > FORM_MAX_SIZE) {
			set_cause(cause, path, 0, "too large (more than %d "
			    "bytes)", FORM_MAX_SIZE);
			goto out;
		}
		if (r == 0)
			break;
	}
	if (ferror(fp)) {
		set_cause(cause, path, 0, "%s", strerror(errno));
		goto out;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	b = NULL;
	rc = 0;
out:
	free(b);
	if (fp != NULL)
		fclose(fp);
	return rc;
}

/*
 * Returns the schema at path, parsed on first use and kept for the life
 * of the process, or NULL with *cause set.
 */
static xmlRelaxNGPtr
schema_get(const char *path, char **cause)
{
	struct schema			*s;
	struct capture			 cap = { NULL, 0, 0 };
	xmlRelaxNGParserCtxtPtr		 pctxt = NULL;
	xmlRelaxNGPtr			 rng = NULL;
	xmlStructuredErrorFunc		 oldfn;
	void				*oldctx;
	char				*buf = NULL;
	size_t				 len;

	for (s = schemas; s != NULL; s = s->next)
		if (strcmp(s->path, path) == 0)
			return s->rng;

	oldfn = xmlStructuredError;
	oldctx = xmlStructuredErrorContext;
	/* The schema document's own parse errors come through here. */
	xmlSetStructuredErrorFunc(&cap, capture_error);

	/* Read it ourselves: a clear message when it is missing. */
	if (read_file(path, &buf, &len, cause) == -1)
		goto out;
	if ((pctxt = xmlRelaxNGNewMemParserCtxt(buf, (int)len)) == NULL) {
		set_cause(cause, path, 0, "cannot create a RelaxNG parser");
		goto out;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, capture_error, &cap);
	if ((rng = xmlRelaxNGParse(pctxt)) == NULL) {
		set_cause(cause, path, cap.line, "not a valid RelaxNG "
		    "schema%s%s", cap.message != NULL ? ": " : "",
		    cap.message != NULL ? cap.message : "");
		goto out;
	}
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->rng = rng;
	s->next = schemas;
	schemas = s;
out:
	xmlSetStructuredErrorFunc(oldctx, oldfn);
	xmlRelaxNGFreeParserCtxt(pctxt);
	free(buf);
	free(cap.message);
	return rng;
}

/*
 * SAX hook called on <!DOCTYPE ...>, before its internal subset is read:
 * a definition has no use for a DTD, and refusing it here means no entity
 * is ever declared, expanded or fetched.
 */
static void
refuse_doctype(void *arg, const xmlChar *name, const xmlChar *eid,
    const xmlChar *sid)
{
	xmlParserCtxtPtr	 ctxt = arg;
	int			*line = ctxt->_private;

	(void)name;
	(void)eid;
	(void)sid;
	*line = ctxt->input != NULL && ctxt->input->line > 0 ?
	    ctxt->input->line : 1;
	xmlStopParser(ctxt);
}

/*
 * Validates el and its subtree the way xmlTextReader validates a stream,
 * so that each error is raised while its element is known. Used only to
 * locate an error xmlRelaxNGValidateDoc reported without a line (a
 * missing attribute). Stops at the first located error.
 */
static void
rng_locate(xmlRelaxNGValidCtxtPtr v, xmlDocPtr doc, xmlNodePtr el,
    const struct capture *cap)
{
	xmlNodePtr	 n;

	if (cap->located)
		return;
	if (xmlRelaxNGValidatePushElement(v, doc, el) == 0) {
		/* This content model needs the whole subtree at once. */
		xmlRelaxNGValidateFullElement(v, doc, el);
		return;
	}
	for (n = el->children; n != NULL && !cap->located; n = n->next) {
		if (n->type == XML_ELEMENT_NODE)
			rng_locate(v, doc, n, cap);
		else if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			xmlRelaxNGValidatePushCData(v, n->content,
			    (int)strlen((const char *)n->content));
	}
	if (!cap->located)
		xmlRelaxNGValidatePopElement(v, doc, el);
}

/*
 * Validates doc against rng. Returns 0, or -1 with *cause set to the
 * first located error.
 */
static int
rng_validate(xmlRelaxNGPtr rng, xmlDocPtr doc, const char *name,
    char **cause)
{
	struct capture		 cap = { NULL, 0, 0 };
	xmlRelaxNGValidCtxtPtr	 v = NULL;
	int			 r, rc = -1;

	if ((v = xmlRelaxNGNewValidCtxt(rng)) == NULL) {
		set_cause(cause, name, 0, "cannot create a RelaxNG validator");
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(v, capture_error, &cap);
	if ((r = xmlRelaxNGValidateDoc(v, doc)) == 0) {
		rc = 0;
		goto out;
	}
	if (r > 0 && !cap.located) {
		xmlRelaxNGFreeValidCtxt(v);
		if ((v = xmlRelaxNGNewValidCtxt(rng)) != NULL) {
			xmlRelaxNGSetValidStructuredErrors(v, capture_error,
			    &cap);
			rng_locate(v, doc, xmlDocGetRootElement(doc), &cap);
		}
	}
	capture_cause(&cap, name, "does not match the form schema", cause);
out:
	xmlRelaxNGFreeValidCtxt(v);
	free(cap.message);
	return rc;
}

/* Returns whether n is the element called name. */
static int
is_elem(xmlNodePtr n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    xmlStrEqual(n->name, (const xmlChar *)name);
}

/* Returns n, or the first element after it, or NULL. */
static xmlNodePtr
elem_from(xmlNodePtr n)
{
	while (n != NULL && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

/* Returns the element after n, or NULL. */
static xmlNodePtr
elem_next(xmlNodePtr n)
{
	return elem_from(n->next);
}

/* Returns how many consecutive elements called name start at n. */
static size_t
elem_count(xmlNodePtr n, const char *name)
{
	size_t	 count = 0;

	for (n = elem_from(n); is_elem(n, name); n = elem_next(n))
		count++;
	return count;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copies s into the arena with leading and trailing XML white space
 * removed and each inner run of it made one space. Other spaces (no-break
 * spaces before French punctuation) are kept as they are.
 */
static char *
normalize(struct build *b, const char *s)
{
	char	*out, *p;

	p = out = arena_alloc(&b->f->arena, strlen(s) + 1, 1);
	while (is_space(*s))
		s++;
	while (*s != '\0') {
		if (is_space(*s)) {
			while (is_space(*s))
				s++;
			if (*s != '\0')
				*p++ = ' ';
		} else
			*p++ = *s++;
	}
	*p = '\0';
	return out;
}

/* The attribute name of n, normalized in the arena, or NULL if absent. */
static const char *
attr(struct build *b, xmlNodePtr n, const char *name)
{
	xmlChar		*v;
	const char	*s;

	if ((v = xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = normalize(b, (const char *)v);
	xmlFree(v);
	return s;
}

/* Whether the boolean attribute name of n says true. */
static int
attr_true(struct build *b, xmlNodePtr n, const char *name)
{
	const char	*v;

	return (v = attr(b, n, name)) != NULL && strcmp(v, "true") == 0;
}

/*
 * Parses an integer the schema already checked (xsd:long and the like,
 * white space removed). Returns 0, or -1 when out of range.
 */
static int
parse_ll(const char *s, long long *v)
{
	char	*end;

	errno = 0;
	*v = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE)
		return -1;
	return 0;
}

/*
 * Parses an xsd:decimal the schema already checked, without strtod, whose
 * decimal point follows the locale. Returns 0, or -1 if it is not one.
 */
static int
parse_decimal(const char *s, double *v)
{
	double	 num = 0, den = 1;
	int	 neg = 0, digits = 0;

	if (*s == '+' || *s == '-')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		num = num * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, digits++) {
			num = num * 10 + (*s - '0');
			den *= 10;
		}
	if (*s != '\0' || digits == 0)
		return -1;
	/* One division: as exact as the digits allow. */
	*v = (neg ? -num : num) / den;
	return 0;
}

/*
 * Writes into code the primary subtag of the language tag lang, in lower
 * case ("en" for "en-GB"), and returns 0; returns -1 when it is not two
 * or three letters.
 */
static int
lang_code(const char *lang, char code[FORM_LANG_LEN])
{
	size_t	i;

	for (i = 0; lang[i] != '\0' && lang[i] != '-'; i++) {
		if (i >= FORM_LANG_LEN - 1 || !((lang[i] >= 'a' &&
		    lang[i] <= 'z') || (lang[i] >= 'A' && lang[i] <= 'Z')))
			return -1;
		code[i] = (char)(lang[i] | 0x20);
	}
	code[i] = '\0';
	return i >= 2 ? 0 : -1;
}

/* Whether the element n's xml:lang names the language code. */
static int
is_lang(xmlNodePtr n, const char *code)
{
	xmlChar	*lang;
	char	 c[FORM_LANG_LEN];
	int	 same;

	lang = xmlGetNsProp(n, (const xmlChar *)"lang", XML_XML_NAMESPACE);
	same = lang != NULL && lang_code((const char *)lang, c) == 0 &&
	    strcmp(c, code) == 0;
	xmlFree(lang);
	return same;
}

/* Adds a warning of the loader to f, formatted as set_cause does. */
static void	 add_warning(struct form *, const char *, long, const char *,
		    ...) __attribute__((format(printf, 4, 5)));

static void
add_warning(struct form *f, const char *name, long line, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*what, *w = NULL;

	va_start(ap, fmt);
	xvasprintf(&what, fmt, ap);
	va_end(ap);
	if (line > 0)
		xasprintf(&w, "%s:%ld: %s", name, line, what);
	else
		xasprintf(&w, "%s: %s", name, what);
	free(what);
	f->warnings = xreallocarray(f->warnings, f->nwarnings + 1,
	    sizeof(*f->warnings));
	f->warnings[f->nwarnings++] = w;
}

/*
 * Consumes the run of elements called name starting at *np (one per
 * language), moves *np past it, and sets *out to the text of the one in
 * the build's language, else of the French one, else of the first, or to
 * NULL when there is none. A translation that falls back to French is
 * warned about. Returns 0, or -1 with *cause set when the text is
 * required and missing or when it is blank.
 */
static int
pick_text(struct build *b, xmlNodePtr *np, const char *name, int required,
    const char **out)
{
	xmlNodePtr	 n, first = NULL, fr = NULL, own = NULL, chosen;
	xmlChar		*content;
	const char	*text;

	*out = NULL;
	for (n = elem_from(*np); is_elem(n, name); n = elem_next(n)) {
		if (first == NULL)
			first = n;
		if (fr == NULL && is_lang(n, "fr"))
			fr = n;
		if (own == NULL && is_lang(n, b->lang))
			own = n;
	}
	*np = n;
	chosen = own != NULL ? own : fr != NULL ? fr : first;
	if (chosen == NULL) {
		if (!required)
			return 0;
		set_cause(b->cause, b->name, 0, "missing %s", name);
		return -1;
	}
	if (own == NULL && b->top != NULL)
		add_warning(b->top, b->name, xmlGetLineNo(chosen),
		    "%s has no \"%s\" text: %s", name, b->lang,
		    fr != NULL ? "French used" : "the first used");
	if ((content = xmlNodeGetContent(chosen)) == NULL)
		text = "";
	else {
		text = normalize(b, (const char *)content);
		xmlFree(content);
	}
	if (*text == '\0') {
		set_cause(b->cause, b->name, xmlGetLineNo(chosen),
		    "empty %s", name);
		return -1;
	}
	*out = text;
	return 0;
}

/*
 * Sets *out to the attribute name of n, which the schema requires.
 * Returns 0, or -1 with *cause set if it is missing all the same.
 */
static int
need_attr(struct build *b, xmlNodePtr n, const char *name, const char **out)
{
	if ((*out = attr(b, n, name)) != NULL)
		return 0;
	set_cause(b->cause, b->name, xmlGetLineNo(n),
	    "element %s: missing attribute %s", (const char *)n->name, name);
	return -1;
}

/*
 * Builds the run of option elements starting at *np, which belong to the
 * question or scale what "id", into *out and *nout (NULL and 0 when there
 * is none); moves *np past them. Returns 0, or -1 with *cause set.
 */
static int
build_options(struct build *b, xmlNodePtr *np, const char *what,
    const char *id, const struct form_option **out, size_t *nout)
{
	struct form_option	*opts;
	xmlNodePtr		 n, child;
	size_t			 i, j, count;

	*out = NULL;
	*nout = 0;
	if ((count = elem_count(*np, "option")) == 0)
		return 0;
	opts = arena_alloc(&b->f->arena, count, sizeof(*opts));
	for (i = 0, n = elem_from(*np); i < count; i++, n = elem_next(n)) {
		if (need_attr(b, n, "value", &opts[i].value) == -1)
			return -1;
		for (j = 0; j < i; j++) {
			if (strcmp(opts[j].value, opts[i].value) != 0)
				continue;
			set_cause(b->cause, b->name, xmlGetLineNo(n),
			    "%s \"%s\": duplicate option value \"%s\"",
			    what, id, opts[i].value);
			return -1;
		}
		opts[i].satisfied = attr_true(b, n, "satisfied");
		opts[i].no_opinion = attr_true(b, n, "no-opinion");
		if (opts[i].satisfied && opts[i].no_opinion) {
			set_cause(b->cause, b->name, xmlGetLineNo(n),
			    "%s \"%s\": option \"%s\" cannot be both "
			    "satisfied and no-opinion", what, id,
			    opts[i].value);
			return -1;
		}
		child = n->children;
		if (pick_text(b, &child, "label", 1, &opts[i].label) == -1)
			return -1;
	}
	*np = n;
	*out = opts;
	*nout = count;
	return 0;
}

/* Whether one of the n options counts as satisfied. */
static int
has_satisfied(const struct form_option *opts, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (opts[i].satisfied)
			return 1;
	return 0;
}

/* Builds scale number idx from its element n. Returns 0 or -1. */
static int
build_scale(struct build *b, xmlNodePtr n, size_t idx)
{
	struct form_scale	*s = &b->f->scales[idx];
	xmlNodePtr		 child;
	size_t			 i;

	b->cnodes[idx] = n;
	if (need_attr(b, n, "id", &s->id) == -1)
		return -1;
	for (i = 0; i < idx; i++) {
		if (strcmp(b->f->scales[i].id, s->id) != 0)
			continue;
		set_cause(b->cause, b->name, xmlGetLineNo(n),
		    "duplicate scale id \"%s\" (first used at line %ld)",
		    s->id, xmlGetLineNo(b->cnodes[i]));
		return -1;
	}
	child = n->children;
	if (build_options(b, &child, "scale", s->id, &s->options,
	    &s->noptions) == -1)
		return -1;
	if (!has_satisfied(s->options, s->noptions)) {
		set_cause(b->cause, b->name, xmlGetLineNo(n),
		    "scale \"%s\": no option is marked satisfied=\"true\"",
		    s->id);
		return -1;
	}
	return 0;
}

/* The scale called id, or NULL. */
static const struct form_scale *
find_scale(const struct form *f, const char *id)
{
	size_t	 i;

	for (i = 0; i < f->nscales; i++)
		if (strcmp(f->scales[i].id, id) == 0)
			return &f->scales[i];
	return NULL;
}

/* Whether a question of kind k is judged by a threshold on its value. */
static int
is_measured(enum qkind k)
{
	return k == QKIND_INTEGER || k == QKIND_DURATION || k == QKIND_DELAY;
}

/* How messages name q: "question" or "delay", after its element. */
static const char *
what_of(const struct form_question *q)
{
	return q->kind == QKIND_DELAY ? "delay" : "question";
}

/*
 * Checks that q (element n) may be a criterion, and sets its target from
 * the target attribute, or to -1 without one. Returns 0, or -1 with
 * *cause set.
 */
static int
check_target(struct build *b, xmlNodePtr n, struct form_question *q)
{
	const char	*target = attr(b, n, "target");
	long		 line = xmlGetLineNo(n);

	if (q->criterion && q->kind != QKIND_SCALE && q->kind != QKIND_YESNO &&
	    q->kind != QKIND_CHOICE && !is_measured(q->kind)) {
		set_cause(b->cause, b->name, line, "question \"%s\": type %s "
		    "cannot be a criterion (only scale, yesno, choice, "
		    "integer and duration questions and delays can)", q->key,
		    qkind_names[q->kind]);
		return -1;
	}
	q->target = -1;
	if (target != NULL) {
		if (!q->criterion) {
			set_cause(b->cause, b->name, line, "%s \"%s\": "
			    "a target applies only to a criterion (add "
			    "criterion=\"true\")", what_of(q), q->key);
			return -1;
		}
		if (parse_decimal(target, &q->target) == -1 ||
		    !(q->target >= 0 && q->target <= 1)) {
			set_cause(b->cause, b->name, line, "%s \"%s\": "
			    "target must be a number from 0 to 1", what_of(q),
			    q->key);
			return -1;
		}
	}
	return 0;
}

/*
 * Sets the thresholds of q (element n) from its conform-min and
 * conform-max attributes, once its bounds are known: only a criterion
 * judged on a number has them, and then needs one. Returns 0, or -1 with
 * *cause set.
 */
static int
check_thresholds(struct build *b, xmlNodePtr n, struct form_question *q)
{
	const char	*cmin, *cmax, *what = what_of(q);
	long		 line = xmlGetLineNo(n);
	long long	 lo, hi;

	cmin = attr(b, n, "conform-min");
	cmax = attr(b, n, "conform-max");
	if (!is_measured(q->kind)) {
		if (cmin == NULL && cmax == NULL)
			return 0;
		set_cause(b->cause, b->name, line, "question \"%s\": "
		    "conform-min and conform-max apply only to integer and "
		    "duration questions and delays, not to %s", q->key,
		    qkind_names[q->kind]);
		return -1;
	}
	if (!q->criterion) {
		if (cmin == NULL && cmax == NULL)
			return 0;
		set_cause(b->cause, b->name, line, "%s \"%s\": conform-min "
		    "and conform-max apply only to a criterion (add "
		    "criterion=\"true\")", what, q->key);
		return -1;
	}
	if (cmin == NULL && cmax == NULL) {
		set_cause(b->cause, b->name, line, "%s \"%s\": a criterion "
		    "of type %s needs conform-min or conform-max (the values "
		    "that count as conform)", what, q->key,
		    qkind_names[q->kind]);
		return -1;
	}
	if ((cmin != NULL && parse_ll(cmin, &q->conform_min) == -1) ||
	    (cmax != NULL && parse_ll(cmax, &q->conform_max) == -1)) {
		set_cause(b->cause, b->name, line, "%s \"%s\": conform-min "
		    "and conform-max must be whole numbers", what, q->key);
		return -1;
	}
	q->has_conform_min = cmin != NULL;
	q->has_conform_max = cmax != NULL;
	if (q->has_conform_min && q->has_conform_max &&
	    q->conform_min > q->conform_max) {
		set_cause(b->cause, b->name, line, "%s \"%s\": conform-min "
		    "(%lld) is greater than conform-max (%lld)", what, q->key,
		    q->conform_min, q->conform_max);
		return -1;
	}
	/* A threshold no answer can reach is a mistake; a delay has no
	   bounds, but its days cannot be negative. */
	lo = q->kind == QKIND_DELAY ? 0 : q->min;
	hi = q->kind == QKIND_DELAY ? LLONG_MAX : q->max;
	if ((q->has_conform_min && (q->conform_min < lo ||
	    q->conform_min > hi)) || (q->has_conform_max &&
	    (q->conform_max < lo || q->conform_max > hi))) {
		set_cause(b->cause, b->name, line, "%s \"%s\": conform-min "
		    "and conform-max must lie within min and max (%lld to "
		    "%lld)", what, q->key, lo, hi);
		return -1;
	}
	return 0;
}

/*
 * Sets the rule q (element n) follows from its rule attribute: only a
 * criterion of the rule's kind may follow one, and a rule with a
 * threshold needs the form's conform-max as its default. Returns 0, or
 * -1 with *cause set.
 */
static int
check_rule(struct build *b, xmlNodePtr n, struct form_question *q)
{
	const char	*rule = attr(b, n, "rule");
	long		 line = xmlGetLineNo(n);
	int		 r;

	q->rule = FORM_RULE_NONE;
	if (rule == NULL)
		return 0;
	for (r = FORM_RULE_NONE + 1; r < FORM_RULE__MAX; r++)
		if (strcmp(rule_defs[r].name, rule) == 0)
			break;
	if (r == FORM_RULE__MAX) {
		set_cause(b->cause, b->name, line, "%s \"%s\": unknown rule "
		    "\"%s\"", what_of(q), q->key, rule);
		return -1;
	}
	if (!q->criterion || q->kind != rule_defs[r].kind ||
	    (is_measured(q->kind) && !q->has_conform_max)) {
		set_cause(b->cause, b->name, line, "%s \"%s\": rule %s "
		    "applies only to a criterion of type %s%s", what_of(q),
		    q->key, rule, qkind_names[rule_defs[r].kind],
		    is_measured(rule_defs[r].kind) ? " with conform-max" : "");
		return -1;
	}
	q->rule = (enum form_rule)r;
	return 0;
}

/* The options of q: its scale's, its own, or yes/no. */
static int
check_options(struct build *b, xmlNodePtr n, struct form_question *q,
    const struct form_option *opts, size_t nopts)
{
	const struct form_scale	*s;
	const char		*type = qkind_names[q->kind];
	const char		*scale = attr(b, n, "scale");
	const char		*answers = attr(b, n, "answers");
	long			 line = xmlGetLineNo(n);

	if (q->kind == QKIND_SCALE) {
		if (scale == NULL) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "type scale needs a scale attribute", q->key);
			return -1;
		}
		if ((s = find_scale(b->f, scale)) == NULL) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "scale \"%s\" is not defined", q->key, scale);
			return -1;
		}
		q->scale = s->id;
		q->options = s->options;
		q->noptions = s->noptions;
	} else if (scale != NULL) {
		set_cause(b->cause, b->name, line, "question \"%s\": the "
		    "scale attribute applies only to scale questions, not to "
		    "%s", q->key, type);
		return -1;
	}

	if (q->kind == QKIND_CHOICE || q->kind == QKIND_MULTI) {
		if (nopts == 0) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "type %s needs option elements", q->key, type);
			return -1;
		}
		q->options = opts;
		q->noptions = nopts;
		if (q->criterion && !has_satisfied(opts, nopts)) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "a criterion needs an option marked "
			    "satisfied=\"true\"", q->key);
			return -1;
		}
	} else if (nopts != 0) {
		set_cause(b->cause, b->name, line, "question \"%s\": option "
		    "elements apply only to choice and multi questions, not "
		    "to %s", q->key, type);
		return -1;
	}
	if (answers != NULL && (q->kind != QKIND_YESNO ||
	    strcmp(answers, "yes-no") != 0)) {
		set_cause(b->cause, b->name, line, "question \"%s\": "
		    "answers=\"%s\" applies only to a yesno question, as "
		    "\"yes-no\"", q->key, answers);
		return -1;
	}
	if (q->kind == QKIND_YESNO && answers != NULL) {
		q->options = yesno_plain_options;
		q->noptions = sizeof(yesno_plain_options) /
		    sizeof(yesno_plain_options[0]);
	} else if (q->kind == QKIND_YESNO) {
		q->options = yesno_options;
		q->noptions = sizeof(yesno_options) / sizeof(yesno_options[0]);
	}
	return 0;
}

/*
 * required-level, which a self-assessment form's questions all have and
 * no other form's: each is then a scale question, always asked, not a
 * criterion, and its level one of its scale's values.
 */
static int
check_level(struct build *b, xmlNodePtr n, struct form_question *q)
{
	const char	*level = attr(b, n, "required-level");
	long		 line = xmlGetLineNo(n);

	if (b->f->kind != FORMKIND_SELF_ASSESSMENT) {
		if (level == NULL)
			return 0;
		set_cause(b->cause, b->name, line, "question \"%s\": "
		    "required-level applies only to a self-assessment form",
		    q->key);
		return -1;
	}
	if (q->kind != QKIND_SCALE || level == NULL) {
		set_cause(b->cause, b->name, line, "%s \"%s\": a "
		    "self-assessment engagement is a scale question with a "
		    "required-level", what_of(q), q->key);
		return -1;
	}
	if (q->criterion || q->when_key != NULL) {
		set_cause(b->cause, b->name, line, "question \"%s\": a "
		    "self-assessment engagement is neither a criterion nor "
		    "asked only when", q->key);
		return -1;
	}
	if (form_option_find(q, level) == NULL) {
		set_cause(b->cause, b->name, line, "question \"%s\": "
		    "required-level \"%s\" is not a value of scale \"%s\"",
		    q->key, level, q->scale);
		return -1;
	}
	q->required_level = level;
	return 0;
}

/* min and max (integer, duration) and maxlength (text). */
static int
check_bounds(struct build *b, xmlNodePtr n, struct form_question *q)
{
	const char	*type = qkind_names[q->kind];
	const char	*min = attr(b, n, "min"), *max = attr(b, n, "max");
	const char	*maxlength = attr(b, n, "maxlength");
	long		 line = xmlGetLineNo(n);
	long long	 v;

	if (q->kind == QKIND_INTEGER || q->kind == QKIND_DURATION) {
		if (min == NULL || max == NULL) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "type %s needs min and max attributes", q->key,
			    type);
			return -1;
		}
		if (parse_ll(min, &q->min) == -1 ||
		    parse_ll(max, &q->max) == -1) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "min and max must be whole numbers", q->key);
			return -1;
		}
		if (q->min > q->max) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "min (%lld) is greater than max (%lld)", q->key,
			    q->min, q->max);
			return -1;
		}
	} else if (min != NULL || max != NULL) {
		set_cause(b->cause, b->name, line, "question \"%s\": min and "
		    "max apply only to integer and duration questions, not to "
		    "%s", q->key, type);
		return -1;
	}

	if (q->kind == QKIND_TEXT) {
		if (maxlength == NULL) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "type text needs a maxlength attribute (1 to %d)",
			    q->key, FORM_MAXLEN_MAX);
			return -1;
		}
		if (parse_ll(maxlength, &v) == -1 || v < 1 ||
		    v > FORM_MAXLEN_MAX) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "maxlength must be from 1 to %d", q->key,
			    FORM_MAXLEN_MAX);
			return -1;
		}
		q->maxlen = (size_t)v;
	} else if (maxlength != NULL) {
		set_cause(b->cause, b->name, line, "question \"%s\": "
		    "maxlength applies only to text questions, not to %s",
		    q->key, type);
		return -1;
	}
	return 0;
}

/*
 * Checks the attributes of q (element n) that depend on its type, and
 * gives it its options. Returns 0, or -1 with *cause set.
 */
static int
check_kind(struct build *b, xmlNodePtr n, struct form_question *q,
    const struct form_option *opts, size_t nopts)
{
	const char	*type = qkind_names[q->kind];
	const char	*after = attr(b, n, "after");
	long		 line = xmlGetLineNo(n);

	if (check_target(b, n, q) == -1 ||
	    check_options(b, n, q, opts, nopts) == -1 ||
	    check_bounds(b, n, q) == -1 ||
	    check_thresholds(b, n, q) == -1 ||
	    check_rule(b, n, q) == -1 ||
	    check_level(b, n, q) == -1)
		return -1;

	/* Whether after names an earlier question: check_refs. */
	if (after != NULL && q->kind != QKIND_DATE &&
	    q->kind != QKIND_DATETIME) {
		set_cause(b->cause, b->name, line, "question \"%s\": after "
		    "applies only to date and datetime questions, not to %s",
		    q->key, type);
		return -1;
	}
	if (after == NULL && q->after_message != NULL) {
		set_cause(b->cause, b->name, line, "question \"%s\": "
		    "after-message applies only with an after attribute",
		    q->key);
		return -1;
	}
	q->after_key = after;
	return 0;
}

/*
 * Sets the key of question or delay number idx from its element n, a key
 * no earlier one has. Returns 0, or -1 with *cause set.
 */
static int
claim_key(struct build *b, xmlNodePtr n, size_t idx)
{
	struct form_question	*q = &b->f->questions[idx];
	size_t			 i;

	b->qnodes[idx] = n;
	if (need_attr(b, n, "key", &q->key) == -1)
		return -1;
	for (i = 0; i < idx; i++) {
		if (strcmp(b->f->questions[i].key, q->key) != 0)
			continue;
		set_cause(b->cause, b->name, xmlGetLineNo(n),
		    "duplicate question key \"%s\" (first used at line %ld)",
		    q->key, xmlGetLineNo(b->qnodes[i]));
		return -1;
	}
	return 0;
}

/*
 * Builds question number idx, in section sec, from its element n.
 * Returns 0, or -1 with *cause set.
 */
static int
build_question(struct build *b, xmlNodePtr n, size_t sec, size_t idx)
{
	struct form_question		*q = &b->f->questions[idx];
	const struct form_option	*opts;
	xmlNodePtr			 child;
	const char			*type;
	size_t				 i, nopts;

	if (claim_key(b, n, idx) == -1 ||
	    need_attr(b, n, "type", &type) == -1)
		return -1;
	/* A delay is its own element: never a question's type. */
	for (i = 0; i < QKIND__MAX; i++)
		if (i != QKIND_DELAY && strcmp(qkind_names[i], type) == 0)
			break;
	if (i == QKIND__MAX) {
		set_cause(b->cause, b->name, xmlGetLineNo(n),
		    "question \"%s\": unknown type \"%s\"", q->key, type);
		return -1;
	}
	q->kind = (enum qkind)i;
	q->section = sec;
	q->required = attr_true(b, n, "required");
	q->criterion = attr_true(b, n, "criterion");
	q->short_label = attr(b, n, "short");

	child = n->children;
	if (pick_text(b, &child, "label", 1, &q->label) == -1 ||
	    pick_text(b, &child, "hint", 0, &q->hint) == -1 ||
	    pick_text(b, &child, "after-message", 0, &q->after_message) == -1)
		return -1;
	if (is_elem(child, "when")) {
		b->wnodes[idx] = child;
		if (need_attr(b, child, "question", &q->when_key) == -1 ||
		    need_attr(b, child, "value", &q->when_value) == -1)
			return -1;
		child = elem_next(child);
	}
	if (build_options(b, &child, "question", q->key, &opts,
	    &nopts) == -1)
		return -1;
	return check_kind(b, n, q, opts, nopts);
}

/*
 * Builds delay number idx (among questions), in section sec, from its
 * element n. Whether its ends are earlier date questions is for
 * check_refs. Returns 0, or -1 with *cause set.
 */
static int
build_delay(struct build *b, xmlNodePtr n, size_t sec, size_t idx)
{
	struct form_question	*q = &b->f->questions[idx];
	xmlNodePtr		 child;
	const char		*unit;

	if (claim_key(b, n, idx) == -1 ||
	    need_attr(b, n, "from", &q->delay_from) == -1 ||
	    need_attr(b, n, "to", &q->delay_to) == -1 ||
	    need_attr(b, n, "unit", &unit) == -1)
		return -1;
	q->kind = QKIND_DELAY;
	q->section = sec;
	q->criterion = attr_true(b, n, "criterion");
	q->short_label = attr(b, n, "short");
	if (strcmp(unit, "working-days") != 0) {
		set_cause(b->cause, b->name, xmlGetLineNo(n), "delay \"%s\": "
		    "unknown unit \"%s\" (only working-days)", q->key, unit);
		return -1;
	}
	child = n->children;
	if (pick_text(b, &child, "label", 1, &q->label) == -1 ||
	    pick_text(b, &child, "hint", 0, &q->hint) == -1)
		return -1;
	if (check_target(b, n, q) == -1 || check_thresholds(b, n, q) == -1 ||
	    check_rule(b, n, q) == -1 || check_level(b, n, q) == -1)
		return -1;
	return 0;
}

/*
 * Checks that each when names an earlier question and one of its option
 * values. Done once every question is known, to tell a later question
 * from an unknown one. Returns 0, or -1 with *cause set.
 */
static int
check_whens(struct build *b)
{
	const struct form		*f = b->f;
	const struct form_question	*q, *w;
	size_t				 i, j;
	long				 line;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->when_key == NULL)
			continue;
		line = xmlGetLineNo(b->wnodes[i]);
		for (j = 0; j < f->nquestions; j++)
			if (strcmp(f->questions[j].key, q->when_key) == 0)
				break;
		if (j == f->nquestions) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "when refers to an unknown question \"%s\"",
			    q->key, q->when_key);
			return -1;
		}
		if (j >= i) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "when refers to question \"%s\", which is not an "
			    "earlier question (it must come before)", q->key,
			    q->when_key);
			return -1;
		}
		w = &f->questions[j];
		if (form_option_find(w, q->when_value) == NULL) {
			set_cause(b->cause, b->name, line, "question \"%s\": "
			    "when value \"%s\" is not an option of question "
			    "\"%s\"", q->key, q->when_value, w->key);
			return -1;
		}
	}
	return 0;
}

/*
 * Returns the index of the question called key, which question or delay
 * number i refers to by its attribute name, if it comes before i;
 * otherwise returns -1 with *cause set.
 */
static long
find_earlier(struct build *b, size_t i, const char *name, const char *key)
{
	const struct form	*f = b->f;
	const struct form_question *q = &f->questions[i];
	long			 line = xmlGetLineNo(b->qnodes[i]);
	size_t			 j;

	for (j = 0; j < f->nquestions; j++)
		if (strcmp(f->questions[j].key, key) == 0)
			break;
	if (j == f->nquestions) {
		set_cause(b->cause, b->name, line, "%s \"%s\": %s refers "
		    "to an unknown question \"%s\"", what_of(q), q->key, name,
		    key);
		return -1;
	}
	if (j >= i) {
		set_cause(b->cause, b->name, line, "%s \"%s\": %s refers "
		    "to question \"%s\", which is not an earlier question (it "
		    "must come before)", what_of(q), q->key, name, key);
		return -1;
	}
	return (long)j;
}

static int
is_dated(enum qkind k)
{
	return k == QKIND_DATE || k == QKIND_DATETIME;
}

/*
 * Checks that each after names an earlier question of the same kind,
 * and each delay two different earlier date or datetime questions. Done
 * once every question is known. Returns 0, or -1 with *cause set.
 */
static int
check_refs(struct build *b)
{
	const struct form		*f = b->f;
	const struct form_question	*q, *r;
	const char			*names[2];
	const char			*keys[2];
	size_t				 i, e;
	long				 j;

	for (i = 0; i < f->nquestions; i++) {
		q = &f->questions[i];
		if (q->after_key != NULL) {
			if ((j = find_earlier(b, i, "after", q->after_key)) ==
			    -1)
				return -1;
			r = &f->questions[j];
			if (r->kind != q->kind) {
				set_cause(b->cause, b->name,
				    xmlGetLineNo(b->qnodes[i]), "question "
				    "\"%s\": after refers to question \"%s\", "
				    "of type %s: it must be of type %s too",
				    q->key, r->key, qkind_names[r->kind],
				    qkind_names[q->kind]);
				return -1;
			}
		}
		if (q->kind != QKIND_DELAY)
			continue;
		names[0] = "from";
		names[1] = "to";
		keys[0] = q->delay_from;
		keys[1] = q->delay_to;
		for (e = 0; e < 2; e++) {
			if ((j = find_earlier(b, i, names[e], keys[e])) == -1)
				return -1;
			r = &f->questions[j];
			if (!is_dated(r->kind)) {
				set_cause(b->cause, b->name,
				    xmlGetLineNo(b->qnodes[i]), "delay \"%s\": "
				    "%s refers to question \"%s\", of type %s "
				    "(a delay runs between date or datetime "
				    "questions)", q->key, names[e], r->key,
				    qkind_names[r->kind]);
				return -1;
			}
		}
		if (strcmp(q->delay_from, q->delay_to) == 0) {
			set_cause(b->cause, b->name,
			    xmlGetLineNo(b->qnodes[i]), "delay \"%s\": from "
			    "and to are the same question \"%s\"", q->key,
			    q->delay_from);
			return -1;
		}
	}
	return 0;
}

/* Builds section number idx from its element n. Returns 0 or -1. */
static int
build_section(struct build *b, xmlNodePtr n, size_t idx, size_t *nq)
{
	struct form_section	*s = &b->f->sections[idx];
	xmlNodePtr		 child;
	size_t			 i;

	b->snodes[idx] = n;
	if (need_attr(b, n, "id", &s->id) == -1)
		return -1;
	for (i = 0; i < idx; i++) {
		if (strcmp(b->f->sections[i].id, s->id) != 0)
			continue;
		set_cause(b->cause, b->name, xmlGetLineNo(n),
		    "duplicate section id \"%s\" (first used at line %ld)",
		    s->id, xmlGetLineNo(b->snodes[i]));
		return -1;
	}
	child = n->children;
	if (pick_text(b, &child, "title", 1, &s->title) == -1 ||
	    pick_text(b, &child, "intro", 0, &s->intro) == -1)
		return -1;
	for (child = elem_from(child); child != NULL;
	    child = elem_next(child)) {
		if (is_elem(child, "question")) {
			if (build_question(b, child, idx, (*nq)++) == -1)
				return -1;
		} else if (is_elem(child, "delay")) {
			if (build_delay(b, child, idx, (*nq)++) == -1)
				return -1;
		} else
			break;
	}
	return 0;
}

/* How many question and delay elements the sections at n hold. */
static size_t
count_questions(xmlNodePtr n)
{
	xmlNodePtr	 c;
	size_t		 count = 0;

	for (n = elem_from(n); is_elem(n, "section"); n = elem_next(n))
		for (c = elem_from(n->children); c != NULL; c = elem_next(c))
			if (is_elem(c, "question") || is_elem(c, "delay"))
				count++;
	return count;
}

/*
 * Builds a form from a tree that matched the schema, making the checks
 * the schema cannot express. Returns the form, or NULL with *cause set.
 */
static struct form *
form_build(xmlDocPtr doc, const char *name, const char *lang,
    struct form *top, char **cause)
{
	struct build	 b;
	struct form	*f = NULL, *ret = NULL;
	xmlNodePtr	 root, n;
	const char	*version, *kind;
	long long	 v;
	size_t		 i, nq;

	memset(&b, 0, sizeof(b));
	b.name = name;
	b.lang = lang;
	b.top = top;
	b.cause = cause;
	b.f = f = xcalloc(1, sizeof(*f));

	if ((root = xmlDocGetRootElement(doc)) == NULL ||
	    !is_elem(root, "form")) {
		set_cause(cause, name, 0, "the root element is not form");
		goto out;
	}
	if (need_attr(&b, root, "key", &f->key) == -1 ||
	    need_attr(&b, root, "version", &version) == -1 ||
	    need_attr(&b, root, "kind", &kind) == -1)
		goto out;
	if (parse_ll(version, &v) == -1 || v < 1 || v > 2147483647) {
		set_cause(cause, name, xmlGetLineNo(root),
		    "version must be a whole number from 1");
		goto out;
	}
	f->version = (int)v;
	for (i = 0; i < FORMKIND__MAX; i++)
		if (strcmp(formkind_names[i], kind) == 0)
			break;
	if (i == FORMKIND__MAX) {
		set_cause(cause, name, xmlGetLineNo(root),
		    "unknown form kind \"%s\"", kind);
		goto out;
	}
	f->kind = (enum formkind)i;

	n = root->children;
	if (pick_text(&b, &n, "title", 1, &f->title) == -1 ||
	    pick_text(&b, &n, "intro", 0, &f->intro) == -1)
		goto out;

	f->nscales = elem_count(n, "scale");
	f->scales = arena_alloc(&f->arena, f->nscales, sizeof(*f->scales));
	b.cnodes = xcalloc(f->nscales + 1, sizeof(*b.cnodes));
	for (i = 0, n = elem_from(n); i < f->nscales; i++, n = elem_next(n))
		if (build_scale(&b, n, i) == -1)
			goto out;

	f->nsections = elem_count(n, "section");
	f->sections = arena_alloc(&f->arena, f->nsections,
	    sizeof(*f->sections));
	f->nquestions = count_questions(n);
	f->questions = arena_alloc(&f->arena, f->nquestions,
	    sizeof(*f->questions));
	b.snodes = xcalloc(f->nsections + 1, sizeof(*b.snodes));
	b.qnodes = xcalloc(f->nquestions + 1, sizeof(*b.qnodes));
	b.wnodes = xcalloc(f->nquestions + 1, sizeof(*b.wnodes));
	nq = 0;
	for (i = 0, n = elem_from(n); i < f->nsections; i++, n = elem_next(n))
		if (build_section(&b, n, i, &nq) == -1)
			goto out;
	if (f->nsections == 0 || nq != f->nquestions || nq == 0) {
		set_cause(cause, name, 0, "no question found");
		goto out;
	}
	if (check_whens(&b) == -1 || check_refs(&b) == -1)
		goto out;
	ret = f;
	f = NULL;
out:
	form_free(f);
	free(b.cnodes);
	free(b.snodes);
	free(b.qnodes);
	free(b.wnodes);
	return ret;
}

/*
 * Adds to f's languages the xml:lang of n and of every element under it.
 * Returns 0, or -1 with *cause set when there are too many.
 */
static int
collect_langs(struct form *f, xmlNodePtr n, const char *name, char **cause)
{
	xmlChar	*lang;
	char	 code[FORM_LANG_LEN];
	size_t	 i;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		lang = xmlGetNsProp(n, (const xmlChar *)"lang",
		    XML_XML_NAMESPACE);
		if (lang != NULL && lang_code((const char *)lang, code) == 0) {
			for (i = 0; i < f->nlangs; i++)
				if (strcmp(f->langs[i], code) == 0)
					break;
			if (i == f->nlangs && i == FORM_LANGS_MAX) {
				xmlFree(lang);
				set_cause(cause, name, xmlGetLineNo(n),
				    "too many languages (at most %d)",
				    FORM_LANGS_MAX);
				return -1;
			}
			if (i == f->nlangs)
				memcpy(f->langs[f->nlangs++], code,
				    sizeof(code));
		}
		xmlFree(lang);
		if (collect_langs(f, n->children, name, cause) == -1)
			return -1;
	}
	return 0;
}

/*
 * Builds f's translations from doc: one model per language its texts
 * carry besides French. Returns 0, or -1 with *cause set.
 */
static int
form_translate(struct form *f, xmlDocPtr doc, const char *name,
    char **cause)
{
	size_t	i;

	memcpy(f->langs[0], "fr", 3);
	f->nlangs = 1;
	if (collect_langs(f, xmlDocGetRootElement(doc), name, cause) == -1)
		return -1;
	for (i = 1; i < f->nlangs; i++) {
		if ((f->tr[i] = form_build(doc, name, f->langs[i], f,
		    cause)) == NULL)
			return -1;
		f->tr[i]->parent = f;
	}
	return 0;
}

/*
 * Parses, validates and builds the len bytes at buf; name stands for
 * them in messages. Returns 0 with *out set, or -1 with *cause set and
 * *out untouched.
 */
static int
form_parse(const char *buf, size_t len, const char *name,
    const char *schema_path, struct form **out, char **cause)
{
	struct capture		 cap = { NULL, 0, 0 };
	xmlStructuredErrorFunc	 oldfn;
	void			*oldctx;
	xmlParserCtxtPtr	 ctxt = NULL;
	xmlDocPtr		 doc = NULL;
	xmlRelaxNGPtr		 rng;
	struct form		*f = NULL;
	unsigned char		 digest[crypto_hash_sha256_BYTES];
	size_t			 i;
	int			 doctype_line = 0, rc = -1;

	oldfn = xmlStructuredError;
	oldctx = xmlStructuredErrorContext;

	if (len > FORM_MAX_SIZE) {
		set_cause(cause, name, 0, "too large (%zu bytes, at most %d)",
		    len, FORM_MAX_SIZE);
		goto out;
	}
	if ((rng = schema_get(schema_path, cause)) == NULL)
		goto out;

	/* Parser errors reach the thread's structured handler: ours. */
	xmlSetStructuredErrorFunc(&cap, capture_error);
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		set_cause(cause, name, 0, "cannot create an XML parser");
		goto out;
	}
	ctxt->sax->internalSubset = refuse_doctype;
	ctxt->_private = &doctype_line;
	doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, NULL,
	    FORM_XML_OPTS);
	if (doctype_line != 0) {
		set_cause(cause, name, doctype_line, "a DOCTYPE is not "
		    "allowed in a form definition (no DTD, no entities)");
		goto out;
	}
	/* Namespace errors leave a document: any error is a failure. */
	if (doc == NULL || cap.message != NULL) {
		capture_cause(&cap, name, "not well-formed XML", cause);
		goto out;
	}
	/* The source is stored in a UTF-8 database as it is. */
	if (!utf8_valid(buf, len)) {
		set_cause(cause, name, 0, "not UTF-8 text (a definition "
		    "must be encoded in UTF-8)");
		goto out;
	}
	if (rng_validate(rng, doc, name, cause) == -1)
		goto out;
	if ((f = form_build(doc, name, "fr", NULL, cause)) == NULL ||
	    form_translate(f, doc, name, cause) == -1)
		goto out;

	if (sodium_init() == -1) {
		set_cause(cause, name, 0, "libsodium cannot be initialised");
		goto out;
	}
	crypto_hash_sha256(digest, (const unsigned char *)buf, len);
	sodium_bin2hex(f->sha256, sizeof(f->sha256), digest, sizeof(digest));
	f->source = arena_alloc(&f->arena, len + 1, 1);
	memcpy(f->source, buf, len);
	f->sourcelen = len;
	for (i = 1; i < f->nlangs; i++) {
		memcpy(f->tr[i]->sha256, f->sha256, sizeof(f->sha256));
		f->tr[i]->source = f->source;	/* the French form's */
		f->tr[i]->sourcelen = len;
	}

	*out = f;
	f = NULL;
	rc = 0;
out:
	xmlSetStructuredErrorFunc(oldctx, oldfn);
	form_free(f);
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	free(cap.message);
	return rc;
}

void
form_init(void)
{
	LIBXML_TEST_VERSION
}

int
form_load(const char *path, const char *schema_path, struct form **out,
    char **cause)
{
	char	*buf = NULL;
	size_t	 len;
	int	 rc = -1;

	if (read_file(path, &buf, &len, cause) == -1)
		goto out;
	rc = form_parse(buf, len, path, schema_path, out, cause);
out:
	free(buf);
	return rc;
}

int
form_load_memory(const char *buf, size_t len, const char *name,
    const char *schema_path, struct form **out, char **cause)
{
	return form_parse(buf, len, name, schema_path, out, cause);
}

void
form_free(struct form *f)
{
	size_t	i;

	if (f == NULL)
		return;
	for (i = 0; i < FORM_LANGS_MAX; i++)
		form_free(f->tr[i]);
	for (i = 0; i < f->nwarnings; i++)
		free(f->warnings[i]);
	free(f->warnings);
	arena_free(f->arena);
	free(f);
}

/* The French form of f, which holds the languages and the warnings. */
static const struct form *
form_top(const struct form *f)
{
	return f->parent != NULL ? f->parent : f;
}

size_t
form_nlangs(const struct form *f)
{
	return form_top(f)->nlangs;
}

const char *
form_lang(const struct form *f, size_t i)
{
	f = form_top(f);
	return i < f->nlangs ? f->langs[i] : NULL;
}

const struct form *
form_in(const struct form *f, const char *lang)
{
	size_t	i;

	f = form_top(f);
	for (i = 1; lang != NULL && i < f->nlangs; i++)
		if (strcmp(f->langs[i], lang) == 0)
			return f->tr[i];
	return f;
}

size_t
form_nwarnings(const struct form *f)
{
	return form_top(f)->nwarnings;
}

const char *
form_warning(const struct form *f, size_t i)
{
	f = form_top(f);
	return i < f->nwarnings ? f->warnings[i] : NULL;
}

const char *
form_key(const struct form *f)
{
	return f->key;
}

int
form_version(const struct form *f)
{
	return f->version;
}

enum formkind
form_kind(const struct form *f)
{
	return f->kind;
}

const char *
form_title(const struct form *f)
{
	return f->title;
}

const char *
form_intro(const struct form *f)
{
	return f->intro;
}

const char *
form_sha256(const struct form *f)
{
	return f->sha256;
}

const char *
form_source(const struct form *f, size_t *len)
{
	if (len != NULL)
		*len = f->sourcelen;
	return f->source;
}

size_t
form_nsections(const struct form *f)
{
	return f->nsections;
}

/* Returns section i, or NULL when i is out of range. */
const struct form_section *
form_section(const struct form *f, size_t i)
{
	return i < f->nsections ? &f->sections[i] : NULL;
}

size_t
form_nquestions(const struct form *f)
{
	return f->nquestions;
}

/* Returns question i, or NULL when i is out of range. */
const struct form_question *
form_question(const struct form *f, size_t i)
{
	return i < f->nquestions ? &f->questions[i] : NULL;
}

const struct form_question *
form_find(const struct form *f, const char *key)
{
	size_t	 i;

	for (i = 0; i < f->nquestions; i++)
		if (strcmp(f->questions[i].key, key) == 0)
			return &f->questions[i];
	return NULL;
}

const struct form_option *
form_option_find(const struct form_question *q, const char *value)
{
	size_t	 i;

	if (q == NULL || value == NULL)
		return NULL;
	for (i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i].value, value) == 0)
			return &q->options[i];
	return NULL;
}

int
form_level_met(const struct form_question *q, const char *value)
{
	size_t	i, have = SIZE_MAX, need = SIZE_MAX;

	if (q == NULL || q->required_level == NULL || value == NULL)
		return -1;
	for (i = 0; i < q->noptions; i++) {
		if (strcmp(q->options[i].value, value) == 0)
			have = i;
		if (strcmp(q->options[i].value, q->required_level) == 0)
			need = i;
	}
	if (have == SIZE_MAX || need == SIZE_MAX)
		return -1;
	return have >= need;
}

int
form_conform(const struct form_question *q, long long v)
{
	if (q == NULL || !is_measured(q->kind) ||
	    (!q->has_conform_min && !q->has_conform_max))
		return -1;
	if (q->has_conform_min && v < q->conform_min)
		return 0;
	if (q->has_conform_max && v > q->conform_max)
		return 0;
	return 1;
}

void
form_referential_init(struct form_referential *ref, const char *name)
{
	size_t	r;

	ref->name = name;
	for (r = 0; r < FORM_RULE__MAX; r++) {
		ref->threshold[r] = -1;
		ref->target[r] = -1.0;
	}
}

/*
 * The one place where a referential meets a form (form.h). A threshold
 * only replaces a conform-max the form has, so that a rule never turns a
 * question into a measured one; the form checked (check_rule) that a
 * measured rule has one.
 */
void
form_rule_apply(const struct form_question *q,
    const struct form_referential *ref, struct form_question *out)
{
	*out = *q;
	if (ref == NULL || (unsigned)q->rule >= FORM_RULE__MAX ||
	    q->rule == FORM_RULE_NONE)
		return;
	if (ref->threshold[q->rule] >= 0 && out->has_conform_max)
		out->conform_max = ref->threshold[q->rule];
	if (ref->target[q->rule] >= 0.0 && ref->target[q->rule] <= 1.0)
		out->target = ref->target[q->rule];
}

int
form_rule_text(const struct form_question *eq, char *buf, size_t size)
{
	long long	n = eq->conform_max;

	if (size > 0)
		buf[0] = '\0';
	switch (eq->rule) {
	case FORM_RULE_REPLY_DELAY:
		snprintf(buf, size, "réponse sous %lld jour%s ouvré%s", n,
		    n > 1 ? "s" : "", n > 1 ? "s" : "");
		return 0;
	case FORM_RULE_RINGS:
		/* "In under 5 rings", as the referentials say it: at most 4. */
		if (n == 0)
			snprintf(buf, size, "décroché avant toute sonnerie");
		else
			snprintf(buf, size, "moins de %lld sonneries", n + 1);
		return 0;
	case FORM_RULE_PICKED_UP:
		snprintf(buf, size, "appel décroché");
		return 0;
	default:
		return -1;
	}
}

/* Returns NULL for FORM_RULE_NONE and a value outside the enum. */
const char *
form_rule_name(enum form_rule r)
{
	return (unsigned)r < FORM_RULE__MAX ? rule_defs[r].name : NULL;
}

/* Returns NULL for a value outside the enum. */
const char *
form_qkind_name(enum qkind k)
{
	return (unsigned)k < QKIND__MAX ? qkind_names[k] : NULL;
}

/* Returns NULL for a value outside the enum. */
const char *
form_kind_name(enum formkind k)
{
	return (unsigned)k < FORMKIND__MAX ? formkind_names[k] : NULL;
}

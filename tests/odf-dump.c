/*
 * odf-dump FILE: what the integration tests read of an OpenDocument file,
 * through libzip and libxml2. Checks that the zip is consistent, that its
 * first member is "mimetype", stored, and that content.xml is well
 * formed; then prints the mimetype on the first line, and one line per
 * table cell, tab-separated:
 *
 *	TABLE	ROW	COLUMN	VALUE-TYPE	VALUE	TEXT
 *
 * (rows and columns from 1, the header row included; VALUE is
 * office:value or office:date-value, empty when none), and one line per
 * heading or paragraph outside tables: "h\tLEVEL\tTEXT", "p\t\tTEXT".
 * Exits 1 with a message on standard error when the file is not a
 * well-formed OpenDocument package.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#define NS_OFFICE	"urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TABLE	"urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_TEXT		"urn:oasis:names:tc:opendocument:xmlns:text:1.0"

static char *
read_member(zip_t *za, const char *name, zip_stat_t *st)
{
	zip_file_t	*zf;
	char		*data;

	if (zip_stat(za, name, 0, st) == -1 ||
	    (zf = zip_fopen(za, name, 0)) == NULL)
		return NULL;
	if ((data = calloc(1, st->size + 1)) != NULL &&
	    zip_fread(zf, data, st->size) != (zip_int64_t)st->size) {
		free(data);
		data = NULL;
	}
	zip_fclose(zf);
	return data;
}

static int
is(xmlNodePtr n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* The text of n with each text:line-break as a space. */
static void
put_text(xmlNodePtr n)
{
	xmlNodePtr	c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE)
			fputs((const char *)c->content, stdout);
		else if (is(c, NS_TEXT, "line-break"))
			putchar(' ');
		else if (c->type == XML_ELEMENT_NODE)
			put_text(c);
	}
}

static void
put_prop(xmlNodePtr n, const char *ns, const char *name)
{
	xmlChar	*v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns);

	if (v != NULL)
		fputs((const char *)v, stdout);
	xmlFree(v);
}

static void
rows(xmlNodePtr parent, xmlChar *table, int *row)
{
	xmlNodePtr	r, c;
	int		col;

	for (r = parent->children; r != NULL; r = r->next) {
		if (is(r, NS_TABLE, "table-header-rows")) {
			rows(r, table, row);
			continue;
		}
		if (!is(r, NS_TABLE, "table-row"))
			continue;
		(*row)++;
		col = 0;
		for (c = r->children; c != NULL; c = c->next) {
			if (!is(c, NS_TABLE, "table-cell"))
				continue;
			printf("%s\t%d\t%d\t", (const char *)table, *row,
			    ++col);
			put_prop(c, NS_OFFICE, "value-type");
			putchar('\t');
			put_prop(c, NS_OFFICE, "value");
			put_prop(c, NS_OFFICE, "date-value");
			putchar('\t');
			put_text(c);
			putchar('\n');
		}
	}
}

static void
walk(xmlNodePtr n)
{
	xmlChar	*name;
	int	 row = 0;

	for (; n != NULL; n = n->next) {
		if (is(n, NS_TABLE, "table")) {
			name = xmlGetNsProp(n, BAD_CAST "name",
			    BAD_CAST NS_TABLE);
			rows(n, name, &row);
			xmlFree(name);
		} else if (is(n, NS_TEXT, "h")) {
			fputs("h\t", stdout);
			put_prop(n, NS_TEXT, "outline-level");
			putchar('\t');
			put_text(n);
			putchar('\n');
		} else if (is(n, NS_TEXT, "p")) {
			fputs("p\t\t", stdout);
			put_text(n);
			putchar('\n');
		} else if (n->type == XML_ELEMENT_NODE)
			walk(n->children);
	}
}

int
main(int argc, char *argv[])
{
	zip_t		*za;
	zip_stat_t	 st;
	xmlDocPtr	 doc;
	char		*mime, *content;
	int		 err;

	if (argc != 2) {
		fputs("usage: odf-dump FILE\n", stderr);
		return 2;
	}
	if ((za = zip_open(argv[1], ZIP_RDONLY | ZIP_CHECKCONS, &err)) ==
	    NULL) {
		fprintf(stderr, "%s: not a consistent zip (%d)\n", argv[1],
		    err);
		return 1;
	}
	if ((mime = read_member(za, "mimetype", &st)) == NULL ||
	    st.index != 0 || st.comp_method != ZIP_CM_STORE) {
		fprintf(stderr, "%s: mimetype is not first and stored\n",
		    argv[1]);
		return 1;
	}
	if ((content = read_member(za, "content.xml", &st)) == NULL ||
	    (doc = xmlReadMemory(content, (int)st.size, "content.xml", NULL,
	    XML_PARSE_NONET)) == NULL) {
		fprintf(stderr, "%s: content.xml missing or not well formed\n",
		    argv[1]);
		return 1;
	}
	printf("%s\n", mime);
	walk(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	free(content);
	free(mime);
	zip_close(za);
	return 0;
}

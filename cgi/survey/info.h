/*
 * The legal pages every public page links to from its footer: the
 * accessibility statement, the legal notice, personal data and cookies.
 */
#ifndef QUALIMETRE_INFO_H
#define QUALIMETRE_INFO_H

struct buf;

/* Where these pages live: INFO_PREFIX "accessibilite" and so on. */
#define INFO_PREFIX	"/informations/"

/*
 * Writes the whole page named name (the part of the path after
 * INFO_PREFIX) into b and returns 0, or returns -1 when there is no such
 * page and writes nothing.
 */
int	 info_page(struct buf *b, const char *name);

#endif /* QUALIMETRE_INFO_H */

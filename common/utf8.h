/*
 * UTF-8 text as it comes from a form: whether it is well-formed, how
 * many characters it holds, whether it is blank.
 */
#ifndef QUALIMETRE_UTF8_H
#define QUALIMETRE_UTF8_H

#include <stddef.h>

/*
 * Returns 1 when the len bytes at s are well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF) and hold no NUL byte,
 * 0 otherwise.
 */
int	 utf8_valid(const char *s, size_t len);

/*
 * Returns the number of Unicode code points in the len bytes at s, which
 * must already be valid UTF-8 (see utf8_valid).
 */
size_t	 utf8_length(const char *s, size_t len);

/* Returns 1 when s holds nothing but spaces, tabs and line breaks. */
int	 utf8_blank(const char *s);

#endif /* QUALIMETRE_UTF8_H */

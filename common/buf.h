/*
 * A growable byte buffer: pages are built in memory, then sent with their
 * length, so that a handler can be tested without a FastCGI connection.
 */
#ifndef QUALIMETRE_BUF_H
#define QUALIMETRE_BUF_H

#include <stddef.h>

struct buf {
	char	*data;		/* NUL-terminated when len > 0, or NULL */
	size_t	 len;		/* bytes used, not counting the NUL */
	size_t	 cap;		/* bytes allocated */
};

/* Appends len bytes (raw: only for our own markup or for binary data). */
void	 buf_put(struct buf *, const char *, size_t);

/* Appends a NUL-terminated string, raw. */
void	 buf_puts(struct buf *, const char *);

/* Appends one byte, raw. */
void	 buf_putc(struct buf *, char);

/* Appends formatted text, raw: never format untrusted text with it. */
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

/* Empties the buffer, keeping its memory for the next request. */
void	 buf_reset(struct buf *);

/* Frees the memory; the buffer is empty and reusable afterwards. */
void	 buf_free(struct buf *);

#endif /* QUALIMETRE_BUF_H */

/*
 * A checked submission turned into what the database stores: three
 * parallel arrays (question, coded value, free text), written as the text
 * of PostgreSQL arrays, to be unnested by one INSERT.
 */
#ifndef QUALIMETRE_ANSWERS_H
#define QUALIMETRE_ANSWERS_H

#include <stddef.h>

#include "buf.h"

struct answerset;

/* The rows of one response, as parameter values. */
struct answer_rows {
	struct buf	 questions;	/* text[]: the question keys */
	struct buf	 values;	/* text[]: coded values or NULL */
	struct buf	 texts;		/* text[]: free texts or NULL */
	size_t		 n;		/* rows */
};

/*
 * Fills rows from the asked, answered questions of s, which must have
 * no error: one row per value sent (several for a multiple choice),
 * numbers in canonical form, free text apart. extra_keys and
 * extra_values add n_extra computed rows (NULL when none). The caller
 * frees with answers_free.
 */
void	 answers_make(struct answer_rows *rows, const struct answerset *s,
	    const char *const *extra_keys, const char *const *extra_values,
	    size_t n_extra);

/* Frees the arrays' text; safe on a zeroed struct. */
void	 answers_free(struct answer_rows *);

#endif /* QUALIMETRE_ANSWERS_H */

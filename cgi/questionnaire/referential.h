/*
 * The referential a mystery campaign runs under (sql/016), read from a
 * row of the database into the form model's struct form_referential,
 * whose rules form_rule_apply (forms/form.h) puts on a grid.
 */
#ifndef QUALIMETRE_REFERENTIAL_H
#define QUALIMETRE_REFERENTIAL_H

#include <libpq-fe.h>

/* The longest name of a referential, in bytes (sql/016: 100 characters). */
#define REFERENTIAL_NAME_MAX	400

/* The columns referential_read reads, in a statement that joins
   REFERENTIAL_JOIN to a campaign called c. */
#define REFERENTIAL_COLUMNS \
	" ref.name AS ref_name, ref.reply_delay, ref.reply_target," \
	" ref.rings_max, ref.rings_target, ref.picked_up_target"
#define REFERENTIAL_JOIN \
	" LEFT JOIN qualimetre.referential ref ON ref.id = c.referential_id"

struct form_referential;

/*
 * Fills *ref from row i of res, which has REFERENTIAL_COLUMNS: a NULL
 * value, or one that does not parse, leaves the form's own in force; a
 * NULL name (no referential) leaves every value to the form. ref->name
 * points into res and lives as long as it.
 */
void	 referential_read(const PGresult *res, int i,
	    struct form_referential *ref);

#endif /* QUALIMETRE_REFERENTIAL_H */

/*
 * The referentials (/referent/referentiels): the national ones, shown
 * read-only with their figures in French, and each site's own, which its
 * referent defines (sql/016) instead of writing SQL. Once a campaign is
 * planned under a site's own referential its figures are frozen, since
 * the results already computed under them must stay the same: the page
 * shows them read-only, and the database refuses any change to them
 * (sql/019); its name may still be corrected, as it changes no figure.
 * Who may define which site's is enforced by the database's policies.
 */
#ifndef QUALIMETRE_REFERENTIALS_H
#define QUALIMETRE_REFERENTIALS_H

#include <stddef.h>

struct buf;
struct db;
struct req;
struct resp;
struct staff;
struct staff_user;

/* Where the pages live. */
#define REFERENTIALS_PREFIX	"/referent/referentiels"
/* Longest name, in characters (sql/016). */
#define REFERENTIALS_NAME_MAX	100
/* Room for a fraction referentials_percent writes ("0.825"), NUL
   included, with room to spare for the compiler's checks. */
#define REFERENTIALS_FRACTION_MAX	24

/*
 * Reads a target typed in per cent, 0 to 100 with at most one decimal
 * after a comma or a dot ("80", "82,5", "82.5 %"; spaces around it
 * ignored), and writes it as the fraction the database stores
 * ("0.825") into out. Returns 1, 0 when v is blank (out then ""), or -1
 * when it is no such number (out then "").
 */
int		 referentials_percent(const char *v,
		    char out[REFERENTIALS_FRACTION_MAX]);

/*
 * Writes a referential's figures in French, escaped, as the database
 * gives them ("" for a NULL, which leaves the grid's value in force):
 * "courriels sous 5 jours ouvrés, objectif : valeur de la grille ;
 * appels décrochés en moins de 5 sonneries (au plus 4), objectif : ...".
 */
void		 referentials_describe(struct buf *, const char *reply_delay,
		    const char *reply_target, const char *rings_max,
		    const char *rings_target, const char *picked_up_target);

struct referentials;

/*
 * Makes the pages' context and registers their statements on db; the
 * pages are framed as staff's. Both must outlive it. The caller frees it
 * with referentials_free().
 */
struct referentials *referentials_create(struct db *db, struct staff *staff);

/* Frees the context; NULL does nothing. */
void		 referentials_free(struct referentials *);

/*
 * Handles a request for REFERENTIALS_PREFIX or a path under it, from the
 * logged-in user u (the session already checked; a POST's body already
 * parsed into r's fields). Enquirers get 403; a POST without this
 * session's CSRF token gets 403 and changes nothing; a site the user
 * does not plan is not found. Returns 1 when the path was one of those
 * and *p is filled, 0 (p untouched) otherwise.
 */
int		 referentials_handle(struct referentials *,
		    const struct staff_user *u, struct req *r, struct resp *p);

#endif /* QUALIMETRE_REFERENTIALS_H */

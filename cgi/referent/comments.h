/*
 * A campaign's free-text comments (/referent/campagnes/<id>/commentaires):
 * the text answers, newest first, a page at a time, filtered by the
 * level of the answer to a criterion, by period and by theme; the themes
 * of the campaign's site (…/commentaires/themes), seeded with defaults
 * on first use; tags of a comment with themes; and a comment hidden from
 * every export because it holds personal data, with its reason, who and
 * when, and an audit row (sql/033-comments.sql). Row-level security keeps
 * a referent to their sites' campaigns; the checks here give better
 * pages.
 */
#ifndef QUALIMETRE_COMMENTS_H
#define QUALIMETRE_COMMENTS_H

#include <stddef.h>

struct buf;
struct db;
struct form;
struct formcache;
struct req;
struct resp;
struct staff;
struct staff_user;

/* What the exports write instead of a hidden comment. */
#define COMMENTS_HIDDEN_TEXT	"[masqué]"

/* A theme's name, in characters; a reason for hiding, likewise. */
#define COMMENTS_THEME_MAX	60
#define COMMENTS_REASON_MAX	500
/* The themes a site may have; the comments a page shows. */
#define COMMENTS_THEMES_MAX	50
#define COMMENTS_PER_PAGE	50

struct comments;

/*
 * Makes the pages' context and registers their statements on db; the
 * pages are framed as staff's and read forms from forms. All three must
 * outlive it. The caller frees it with comments_free().
 */
struct comments	*comments_create(struct db *db, struct staff *staff,
		    struct formcache *forms);

/* Frees the context; NULL does nothing. */
void		 comments_free(struct comments *);

/*
 * Handles CAMPAIGNS_PREFIX "/<id>/commentaires" and ".../themes" for the
 * logged-in referent or admin u (a POST's body already parsed into r).
 * Returns 1 when the path was one of those and *p is filled, 0 (p
 * untouched) otherwise.
 */
int		 comments_handle(struct comments *, const struct staff_user *u,
		    struct req *r, struct resp *p);

/*
 * Writes the answers a comment came with, briefly, as a paragraph: the
 * options chosen for the questions of f that are no criteria, then how
 * many criteria were answered satisfied or conform out of those with an
 * opinion, and the short names of the others. answers holds the
 * response's coded answers as "key=value" lines; keys and values that f
 * does not know are left out. Everything is escaped.
 */
void		 comments_summary(struct buf *b, const struct form *f,
		    const char *answers);

/* A theme and the comments tagged with it. */
struct comments_theme_count {
	char		*label;
	long long	 count;
};

/*
 * Counts the comments tagged with each theme of site site_id (digits)
 * over the campaigns opened in year, those hidden left out, as u may
 * read them: *out (most first, the caller frees it with
 * comments_theme_counts_free) and *nout. Returns 0, or -1 when the
 * database is unavailable (*out NULL).
 */
int		 comments_year_themes(struct comments *,
		    const struct staff_user *u, const char *site_id, int year,
		    struct comments_theme_count **out, size_t *nout);

/* Frees n counts of comments_year_themes; NULL does nothing. */
void		 comments_theme_counts_free(struct comments_theme_count *,
		    size_t n);

/* The link from the page of campaign id (digits) to its comments. */
void		 comments_link(struct buf *b, const char *id);

#endif /* QUALIMETRE_COMMENTS_H */

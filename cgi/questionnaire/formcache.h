/*
 * Form definitions as the programs use them: loaded from the database
 * and parsed once per process, the first time a campaign needs one.
 *
 * Lifetime: a form returned by formcache_get stays valid until the next
 * formcache_trim, which each program calls once at the start of every
 * request, when no form of the previous request is held any more. So a
 * request may hold as many forms as it needs (the national view holds
 * one per form version) while the cache is filled past its size; only
 * between requests are the least recently used forms freed.
 */
#ifndef QUALIMETRE_FORMCACHE_H
#define QUALIMETRE_FORMCACHE_H

/* The number of forms kept from one request to the next. */
#define FORMCACHE_MAX	32

struct db;
struct form;
struct formcache;

/*
 * Makes a cache that reads definitions through db (registering its
 * statement there; db must outlive it) and validates them against the
 * schema at schema_path. With db NULL it reads nothing: it holds only
 * what formcache_add gives it. The caller frees it with formcache_free().
 */
struct formcache	*formcache_create(struct db *db,
			    const char *schema_path);

/* Frees the cache and every form in it; NULL does nothing. */
void			 formcache_free(struct formcache *);

/*
 * Returns the parsed form with this id, loading it on first use; NULL
 * when the database is unavailable or the stored definition does not
 * load (both logged), or, without a database, when it was not added.
 * The form belongs to the cache and stays valid until formcache_trim.
 */
const struct form	*formcache_get(struct formcache *, long long id);

/*
 * Gives the cache form f under id, as if it had been loaded from the
 * database: the cache frees it. An id already held keeps its form, and
 * f is freed.
 */
void			 formcache_add(struct formcache *, long long id,
			    struct form *f);

/*
 * Frees the least recently used forms beyond FORMCACHE_MAX. Every form
 * formcache_get returned before may be gone afterwards: call it only
 * when no form is held, at the start of a request.
 */
void			 formcache_trim(struct formcache *);

#endif /* QUALIMETRE_FORMCACHE_H */

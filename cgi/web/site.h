/*
 * A site's code, the one rule for it in C: 1 to SITE_CODE_MAX capital
 * letters, digits and dashes, not starting with a dash; the database
 * checks the same (sql/001-schema.sql). Public addresses carry it in
 * lower case ("pref-41").
 */
#ifndef QUALIMETRE_SITE_H
#define QUALIMETRE_SITE_H

#define SITE_CODE_MAX	16

/* Returns 1 when code (NULL allowed) is a site code, 0 otherwise. */
int	 site_code_valid(const char *code);

/*
 * Writes code in lower case into out, for a public address. Returns 0,
 * or -1 (out then empty) when code is not a site code.
 */
int	 site_code_lower(const char *code, char out[SITE_CODE_MAX + 1]);

#endif /* QUALIMETRE_SITE_H */

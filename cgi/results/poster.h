/*
 * The printable poster of a campaign's results, for the reception hall:
 * an A4 PDF drawn with cairo, black on white, with the questionnaire's
 * QR code; and the same QR code as inline SVG for the referent's page.
 */
#ifndef QUALIMETRE_POSTER_H
#define QUALIMETRE_POSTER_H

struct buf;
struct results;

/* A4 portrait, in PostScript points (1/72 inch). */
#define POSTER_WIDTH	595.28
#define POSTER_HEIGHT	841.89

/*
 * Criteria on one page at most. A campaign with more is printed on
 * ceil(nrows / POSTER_ROWS_PER_PAGE) pages sharing the rows evenly, each
 * a whole poster (header, footnote, QR code) marked "page i/n".
 */
#define POSTER_ROWS_PER_PAGE	12

/*
 * Appends to out an A4 portrait PDF of the results r: the bloc marque
 * (the Marianne emblem read from the PNG file emblem_png when it is not
 * NULL and reads as one, then "RÉPUBLIQUE FRANÇAISE" and the motto), the
 * site's name and r's referential when it has one, the title ("Votre
 * avis sur notre accueil",
 * or "Contrôles mystère : résultats" for the kinds "mystery-call" and
 * "mystery-email"), the campaign's title, period and number of
 * responses, one bar per row of r (named by its short label, else its
 * label) with its interval, target and rate, a
 * footnote on how to read them, and, for the kind "satisfaction" when
 * questionnaire_url is non-NULL, the URL's QR code and the URL in text
 * (questionnaire_url is ignored for the mystery kinds; otherwise, when
 * given, it must be 1 to 1024 bytes long).
 *
 * r must hold a campaign title, a site, valid YYYY-MM-DD dates with
 * opens_on <= closes_on, a known kind and at least one row, each with a
 * label; a row's rate, lower and upper lie in [0, 1], or are NaN when
 * its n is 0 ("pas de réponse"; an interval of NaN is not drawn); its
 * target lies in [0, 1] or is negative (none). Strings are UTF-8.
 *
 * Returns 0. On failure returns -1, sets *cause to a message the caller
 * frees, and leaves out as it was (what cairo had written is cut off).
 */
int	 poster_pdf(const struct results *r, const char *questionnaire_url,
	    const char *emblem_png, struct buf *out, char **cause);

/*
 * Appends to out the QR code of url (error correction level M, as on
 * the poster) as one inline SVG element: a white square with the 4-module
 * quiet zone, then one black path, the viewBox in modules, a default
 * size of 160 by 160 px that CSS may override, role="img" and an
 * aria-label naming the URL (escaped).
 *
 * Returns 0. On failure (url NULL or empty, too long for a QR code)
 * returns -1, sets *cause to a message the caller frees, and leaves out
 * as it was.
 */
int	 poster_qr_svg(const char *url, struct buf *out, char **cause);

/*
 * The Marianne emblem of the posters: the PNG file QUALIMETRE_POSTER_EMBLEM
 * names (the DSFR's, ./start and the package set it), or NULL, said in
 * the log, when it is unset or unreadable: the posters then carry the
 * bloc marque's text alone. The caller frees the path.
 */
char	*poster_emblem_path(void);

#endif /* QUALIMETRE_POSTER_H */

# cgi/poster.mk: the results poster, an A4 PDF drawn with cairo, and the
# questionnaire's QR code (issue 5). libqmposter uses html_put and
# valid_date (libqmweb) and xmalloc (libqmutil): link those after it.
noinst_LIBRARIES += cgi/libqmposter.a
cgi_libqmposter_a_SOURCES = cgi/poster.c cgi/poster.h
cgi_libqmposter_a_CFLAGS = $(AM_CFLAGS) $(CAIRO_CFLAGS) $(QRENCODE_CFLAGS) \
	-I$(top_srcdir)/stats

check_PROGRAMS += tests/test-poster-pdf
TESTS += tests/test-poster-pdf
tests_test_poster_pdf_CFLAGS = $(AM_CFLAGS) $(CAIRO_CFLAGS) $(XML_CFLAGS) \
	-I$(top_srcdir)/stats
tests_test_poster_pdf_LDADD = tests/libtap.a cgi/libqmposter.a \
	cgi/libqmweb.a forms/libqmform.a cgi/libqmcal.a cgi/libqmutil.a \
	$(CAIRO_LIBS) $(QRENCODE_LIBS) $(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)

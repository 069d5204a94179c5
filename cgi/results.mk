# cgi/results.mk (issue 5): a campaign's results from its counts, and
# their SVG charts with data tables. libqmresults needs libstats (GSL),
# libqmweb (html_puts), libqmutil (buf, xmalloc).
noinst_LIBRARIES += cgi/libqmresults.a
cgi_libqmresults_a_SOURCES = cgi/results.c cgi/results.h \
	cgi/chart.c cgi/chart.h
cgi_libqmresults_a_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) -I$(top_srcdir)/stats

check_PROGRAMS += tests/test-results-rows tests/test-chart-svg
TESTS += tests/test-results-rows tests/test-chart-svg
# The tests need html.o of libqmweb, not its libpq users; libxml2 parses
# the charts in test-chart-svg.
RESULTS_TEST_LDADD = tests/libtap.a cgi/libqmresults.a cgi/libqmweb.a \
	stats/libstats.a cgi/libqmutil.a $(XML_LIBS) $(GSL_LIBS) -lm
RESULTS_TEST_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) $(XML_CFLAGS) \
	-I$(top_srcdir)/stats -I$(top_srcdir)/tests
tests_test_results_rows_SOURCES = tests/test-results-rows.c
tests_test_results_rows_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_results_rows_LDADD = $(RESULTS_TEST_LDADD)
tests_test_chart_svg_SOURCES = tests/test-chart-svg.c
tests_test_chart_svg_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_chart_svg_LDADD = $(RESULTS_TEST_LDADD)

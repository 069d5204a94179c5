# cgi/results/: a campaign's results from its counts (the satisfied-answer
# rule, the statistics of stats/), their SVG charts, the A4 poster with
# the questionnaire's QR code (cairo, libqrencode), and the exports (CSV,
# XML with libxml2), the OpenDocument writer (ODT, ODS: libxml2 and
# libzip). Knows no HTTP and no SQL: rows in, bytes out.
noinst_LIBRARIES += cgi/results/libqmresults.a
cgi_results_libqmresults_a_SOURCES = \
	cgi/results/results.c cgi/results/results.h \
	cgi/results/chart.c cgi/results/chart.h \
	cgi/results/poster.c cgi/results/poster.h \
	cgi/results/pdfdraw.c cgi/results/pdfdraw.h \
	cgi/results/paperform.c cgi/results/paperform.h \
	cgi/results/planner.c cgi/results/planner.h \
	cgi/results/export.c cgi/results/export.h \
	cgi/results/sampling.c cgi/results/sampling.h \
	cgi/results/odf.c cgi/results/odf.h \
	cgi/results/doc.c cgi/results/doc.h \
	cgi/results/indicator.c cgi/results/indicator.h
cgi_results_libqmresults_a_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) \
	$(FORMS_I) $(STATS_I) $(CAL_I)
cgi_results_libqmresults_a_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) \
	$(XML_CFLAGS) $(CAIRO_CFLAGS) $(QRENCODE_CFLAGS) $(ZIP_CFLAGS)
RESULTS_LIBS = cgi/results/libqmresults.a forms/libqmform.a \
	stats/libstats.a cgi/calendar/libqmcal.a common/libqmcommon.a
RESULTS_EXT_LIBS = $(CAIRO_LIBS) $(QRENCODE_LIBS) $(ZIP_LIBS) $(XML_LIBS) \
	$(SODIUM_LIBS) $(GSL_LIBS) -lm

RESULTS_TESTS = tests/test-results-rows tests/test-chart-svg \
	tests/test-chart-summary \
	tests/test-poster-pdf tests/test-export-csv tests/test-export-xml \
	tests/test-sampling-rules tests/test-paperform-pdf \
	tests/test-planner-need tests/test-odf-package \
	tests/test-indicator-periods \
	tests/test-chart-trend
check_PROGRAMS += $(RESULTS_TESTS)
TESTS += $(RESULTS_TESTS)
RESULTS_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(FORMS_I) $(STATS_I) \
	$(CAL_I) $(RESULTS_I) $(TAP_I)
RESULTS_TEST_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS) $(XML_CFLAGS) \
	$(CAIRO_CFLAGS) $(ZIP_CFLAGS)
RESULTS_TEST_LDADD = tests/libtap.a $(RESULTS_LIBS) $(RESULTS_EXT_LIBS)
tests_test_results_rows_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_results_rows_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_results_rows_LDADD = $(RESULTS_TEST_LDADD)
tests_test_chart_svg_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_chart_svg_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_chart_svg_LDADD = $(RESULTS_TEST_LDADD)
tests_test_chart_summary_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_chart_summary_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_chart_summary_LDADD = $(RESULTS_TEST_LDADD)
tests_test_poster_pdf_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_poster_pdf_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_poster_pdf_LDADD = $(RESULTS_TEST_LDADD)
tests_test_export_csv_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_export_csv_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_export_csv_LDADD = $(RESULTS_TEST_LDADD)
tests_test_export_xml_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_export_xml_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_export_xml_LDADD = $(RESULTS_TEST_LDADD)
tests_test_sampling_rules_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_sampling_rules_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_sampling_rules_LDADD = $(RESULTS_TEST_LDADD)
tests_test_paperform_pdf_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_paperform_pdf_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_paperform_pdf_LDADD = $(RESULTS_TEST_LDADD)
tests_test_planner_need_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_planner_need_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_planner_need_LDADD = $(RESULTS_TEST_LDADD)
tests_test_odf_package_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_odf_package_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_odf_package_LDADD = $(RESULTS_TEST_LDADD)
tests_test_indicator_periods_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_indicator_periods_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_indicator_periods_LDADD = $(RESULTS_TEST_LDADD)
tests_test_chart_trend_CPPFLAGS = $(RESULTS_TEST_CPPFLAGS)
tests_test_chart_trend_CFLAGS = $(RESULTS_TEST_CFLAGS)
tests_test_chart_trend_LDADD = $(RESULTS_TEST_LDADD)

# cgi/export.mk: the results and responses exports, CSV and XML (issue 5).
# libqmexport reads a filled struct results (results.h) and a form; it
# needs libxml2 for the XML, the statistics library for the names of
# methods and verdicts, and libqmutil.
noinst_LIBRARIES += cgi/libqmexport.a
cgi_libqmexport_a_SOURCES = cgi/export.c cgi/export.h
cgi_libqmexport_a_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) -I$(top_srcdir)/stats

check_PROGRAMS += tests/test-export-csv tests/test-export-xml
TESTS += tests/test-export-csv tests/test-export-xml
EXPORT_TEST_LDADD = tests/libtap.a cgi/libqmexport.a forms/libqmform.a \
	stats/libstats.a cgi/libqmutil.a \
	$(XML_LIBS) $(SODIUM_LIBS) $(GSL_LIBS) -lm
EXPORT_TEST_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) -I$(top_srcdir)/stats \
	-I$(top_srcdir)/tests
tests_test_export_csv_SOURCES = tests/test-export-csv.c
tests_test_export_csv_CFLAGS = $(EXPORT_TEST_CFLAGS)
tests_test_export_csv_LDADD = $(EXPORT_TEST_LDADD)
tests_test_export_xml_SOURCES = tests/test-export-xml.c
tests_test_export_xml_CFLAGS = $(EXPORT_TEST_CFLAGS)
tests_test_export_xml_LDADD = $(EXPORT_TEST_LDADD)

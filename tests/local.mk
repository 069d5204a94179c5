# The TAP helper every unit test links with, and the test data.
noinst_LIBRARIES += tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h

# Unit tests of the web layer.
check_PROGRAMS += tests/test-http-urlencoded tests/test-html-escape \
	tests/test-token-form tests/test-valid-answers \
	tests/test-page-questionnaire
TESTS += tests/test-http-urlencoded tests/test-html-escape \
	tests/test-token-form tests/test-valid-answers \
	tests/test-page-questionnaire
WEB_TEST_LDADD = tests/libtap.a cgi/libqmweb.a forms/libqmform.a \
	cgi/libqmcal.a cgi/libqmutil.a $(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
WEB_TEST_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(XML_CFLAGS) $(SODIUM_CFLAGS) \
	-I$(top_srcdir)/tests
tests_test_http_urlencoded_LDADD = $(WEB_TEST_LDADD)
tests_test_http_urlencoded_CFLAGS = $(WEB_TEST_CFLAGS)
tests_test_html_escape_LDADD = $(WEB_TEST_LDADD)
tests_test_html_escape_CFLAGS = $(WEB_TEST_CFLAGS)
tests_test_token_form_LDADD = $(WEB_TEST_LDADD)
tests_test_token_form_CFLAGS = $(WEB_TEST_CFLAGS)
tests_test_valid_answers_LDADD = $(WEB_TEST_LDADD)
tests_test_valid_answers_CFLAGS = $(WEB_TEST_CFLAGS)
tests_test_page_questionnaire_LDADD = $(WEB_TEST_LDADD)
tests_test_page_questionnaire_CFLAGS = $(WEB_TEST_CFLAGS)
EXTRA_DIST += tests/data/forms/kinds.xml

# The load test's helper (tests/bench/survey.sh), built with the rest.
noinst_PROGRAMS = tests/bench/mint-tokens
tests_bench_mint_tokens_SOURCES = tests/bench/mint-tokens.c
tests_bench_mint_tokens_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_bench_mint_tokens_LDADD = cgi/libqmweb.a cgi/libqmutil.a $(SODIUM_LIBS)
EXTRA_DIST += tests/bench/survey.sh tests/bench/post.lua

# The integration tests read the CSV exports back with the project's
# own RFC 4180 reader.
noinst_PROGRAMS += tests/csv-dump
tests_csv_dump_SOURCES = tests/csv-dump.c
tests_csv_dump_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/stats
tests_csv_dump_LDADD = cgi/libqmexport.a forms/libqmform.a cgi/libqmutil.a \
	stats/libstats.a $(GSL_LIBS) -lm \
	$(XML_LIBS) $(SODIUM_LIBS)

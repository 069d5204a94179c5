# The TAP helper every unit test links with, and the test data.
noinst_LIBRARIES += tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h
tests_libtap_a_CPPFLAGS = $(AM_CPPFLAGS) $(TAP_I)

# The layers of the C sources: every #include against tests/layers.txt.
TESTS += tests/test-layers.sh
EXTRA_DIST += tests/test-layers.sh tests/layers.txt

# The load test's helper (tests/bench/survey.sh), built with the rest.
noinst_PROGRAMS = tests/bench/mint-tokens
tests_bench_mint_tokens_SOURCES = tests/bench/mint-tokens.c
tests_bench_mint_tokens_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(WEB_I)
tests_bench_mint_tokens_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_bench_mint_tokens_LDADD = $(WEB_LIBS) $(SODIUM_LIBS)
EXTRA_DIST += tests/bench/survey.sh tests/bench/post.lua tests/bench/run \
	tests/bench/fill-campaign.sh

# The integration tests read the CSV exports back with the project's
# own RFC 4180 reader.
noinst_PROGRAMS += tests/csv-dump
tests_csv_dump_SOURCES = tests/csv-dump.c
tests_csv_dump_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(RESULTS_I)
tests_csv_dump_LDADD = $(RESULTS_LIBS) $(RESULTS_EXT_LIBS)

# The integration tests read the OpenDocument files (resultats.ods, the
# annual report) back with libzip and libxml2.
noinst_PROGRAMS += tests/odf-dump
tests_odf_dump_SOURCES = tests/odf-dump.c
tests_odf_dump_CPPFLAGS = $(AM_CPPFLAGS)
tests_odf_dump_CFLAGS = $(AM_CFLAGS) $(XML_CFLAGS) $(ZIP_CFLAGS)
tests_odf_dump_LDADD = $(ZIP_LIBS) $(XML_LIBS)

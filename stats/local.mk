# stats/: the statistics library and qualimetre-stats (issue 3).
noinst_LIBRARIES += stats/libstats.a
stats_libstats_a_SOURCES = stats/stats.h stats/extern.h stats/beta.c \
	stats/common.c stats/proportion.c stats/difference.c \
	stats/target.c stats/homogeneity.c stats/samplesize.c \
	stats/summary.c stats/bursts.c
stats_libstats_a_CPPFLAGS = $(AM_CPPFLAGS)
stats_libstats_a_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS)

bin_PROGRAMS += stats/qualimetre-stats
stats_qualimetre_stats_SOURCES = stats/qualimetre-stats.c
stats_qualimetre_stats_CPPFLAGS = $(AM_CPPFLAGS)
stats_qualimetre_stats_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS)
stats_qualimetre_stats_LDADD = stats/libstats.a $(GSL_LIBS) -lm

# Unit tests of the library, one per behaviour, and of the program.
STATS_TESTS = tests/test-stats-proportion tests/test-stats-published \
	tests/test-stats-properties tests/test-stats-difference \
	tests/test-stats-target tests/test-stats-homogeneity \
	tests/test-stats-samplesize tests/test-stats-errors \
	tests/test-stats-precision tests/test-stats-summary \
	tests/test-stats-bursts
check_PROGRAMS += $(STATS_TESTS)
TESTS += $(STATS_TESTS) tests/test-stats-cli.sh
EXTRA_DIST += stats/README.md tests/test-stats-cli.sh \
	tests/data/stats/cli.tsv tests/data/stats/reference.py

STATS_TEST_LDADD = stats/libstats.a tests/libtap.a $(GSL_LIBS) -lm
STATS_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(STATS_I) $(TAP_I)
STATS_TEST_CFLAGS = $(AM_CFLAGS) $(GSL_CFLAGS)
tests_test_stats_proportion_SOURCES = tests/test-stats-proportion.c
tests_test_stats_proportion_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_proportion_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_proportion_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_published_SOURCES = tests/test-stats-published.c
tests_test_stats_published_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_published_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_published_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_properties_SOURCES = tests/test-stats-properties.c
tests_test_stats_properties_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_properties_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_properties_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_difference_SOURCES = tests/test-stats-difference.c
tests_test_stats_difference_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_difference_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_difference_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_target_SOURCES = tests/test-stats-target.c
tests_test_stats_target_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_target_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_target_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_homogeneity_SOURCES = tests/test-stats-homogeneity.c
tests_test_stats_homogeneity_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_homogeneity_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_homogeneity_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_samplesize_SOURCES = tests/test-stats-samplesize.c
tests_test_stats_samplesize_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_samplesize_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_samplesize_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_errors_SOURCES = tests/test-stats-errors.c
tests_test_stats_errors_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_errors_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_errors_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_precision_SOURCES = tests/test-stats-precision.c
tests_test_stats_precision_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_precision_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_precision_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_summary_SOURCES = tests/test-stats-summary.c
tests_test_stats_summary_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_summary_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_summary_LDADD = $(STATS_TEST_LDADD)
tests_test_stats_bursts_SOURCES = tests/test-stats-bursts.c
tests_test_stats_bursts_CPPFLAGS = $(STATS_TEST_CPPFLAGS)
tests_test_stats_bursts_CFLAGS = $(STATS_TEST_CFLAGS)
tests_test_stats_bursts_LDADD = $(STATS_TEST_LDADD)
dist_man1_MANS += stats/qualimetre-stats.1

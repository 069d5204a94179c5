# common/: the bottom layer, used by forms/ and every layer of cgi/:
# memory that never fails, UTF-8, the growable buffer, HTML escaping and
# the log line. It includes nothing of the project's.
noinst_LIBRARIES += common/libqmcommon.a
common_libqmcommon_a_SOURCES = common/xmalloc.c common/xmalloc.h \
	common/utf8.c common/utf8.h \
	common/log.c common/log.h \
	common/buf.c common/buf.h \
	common/html.c common/html.h
common_libqmcommon_a_CPPFLAGS = $(AM_CPPFLAGS)

check_PROGRAMS += tests/test-html-escape
TESTS += tests/test-html-escape
tests_test_html_escape_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(TAP_I)
tests_test_html_escape_LDADD = tests/libtap.a common/libqmcommon.a

check_PROGRAMS += tests/test-log-escape
TESTS += tests/test-log-escape
tests_test_log_escape_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(TAP_I)
tests_test_log_escape_LDADD = tests/libtap.a common/libqmcommon.a

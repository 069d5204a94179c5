# cgi/web/: what every program of the web shares and nothing of a form:
# requests and responses, the FastCGI loop and its supervisor, form
# tokens, the database connection, staff sessions and CSRF, the fields
# of staff forms and their errors (fields.c), the page frame, the rule
# of a site's code (site.c: the staff's forms and the public addresses
# of published results both read it). Over
# cgi/calendar/ (dates in French) and common/.
noinst_LIBRARIES += cgi/web/libqmweb.a
cgi_web_libqmweb_a_SOURCES = cgi/web/http.c cgi/web/http.h \
	cgi/web/token.c cgi/web/token.h \
	cgi/web/db.c cgi/web/db.h \
	cgi/web/supervise.c cgi/web/supervise.h \
	cgi/web/serve.c cgi/web/serve.h \
	cgi/web/staff.c cgi/web/staff.h \
	cgi/web/page.c cgi/web/page.h \
	cgi/web/fields.c cgi/web/fields.h \
	cgi/web/lang.c cgi/web/lang.h \
	cgi/web/site.c cgi/web/site.h
cgi_web_libqmweb_a_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(CAL_I)
cgi_web_libqmweb_a_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS) \
	$(FCGI_CFLAGS)
WEB_LIBS = cgi/web/libqmweb.a cgi/calendar/libqmcal.a common/libqmcommon.a

check_PROGRAMS += tests/test-http-urlencoded tests/test-token-form tests/test-token-door \
	tests/test-fields-read tests/test-serve-public-url tests/test-lang-accept \
	tests/test-serve-listen-fds tests/test-staff-password-policy \
	tests/test-http-stream
TESTS += tests/test-http-urlencoded tests/test-token-form tests/test-token-door \
	tests/test-fields-read tests/test-serve-public-url tests/test-lang-accept \
	tests/test-serve-listen-fds tests/test-staff-password-policy \
	tests/test-http-stream
WEB_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(CAL_I) $(WEB_I) $(TAP_I)
WEB_TEST_LDADD = tests/libtap.a $(WEB_LIBS) $(PQ_LIBS) $(SODIUM_LIBS)
tests_test_http_urlencoded_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_http_urlencoded_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_http_urlencoded_LDADD = $(WEB_TEST_LDADD)
tests_test_http_stream_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_http_stream_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_http_stream_LDADD = $(WEB_TEST_LDADD)
tests_test_token_form_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_token_form_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS) $(SODIUM_CFLAGS)
tests_test_token_form_LDADD = $(WEB_TEST_LDADD)
tests_test_token_door_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_token_door_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_test_token_door_LDADD = $(WEB_TEST_LDADD)
tests_test_fields_read_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_fields_read_LDADD = $(WEB_TEST_LDADD)
tests_test_serve_public_url_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_serve_public_url_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_serve_public_url_LDADD = $(WEB_TEST_LDADD) $(FCGI_LIBS)
tests_test_lang_accept_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_lang_accept_LDADD = $(WEB_TEST_LDADD)
tests_test_serve_listen_fds_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_serve_listen_fds_LDADD = $(WEB_TEST_LDADD) $(FCGI_LIBS)
tests_test_staff_password_policy_CPPFLAGS = $(WEB_TEST_CPPFLAGS)
tests_test_staff_password_policy_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)
tests_test_staff_password_policy_LDADD = $(WEB_TEST_LDADD) $(FCGI_LIBS)

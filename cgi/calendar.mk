# cgi/calendar.mk: the calendar and the slot planner (issue 4).
# Pure computation: libqmcal needs only libqmutil (xmalloc, xasprintf).
noinst_LIBRARIES += cgi/libqmcal.a
cgi_libqmcal_a_SOURCES = cgi/calendar.c cgi/calendar.h \
	cgi/plan.c cgi/plan.h
cgi_libqmcal_a_CFLAGS = $(AM_CFLAGS)

check_PROGRAMS += tests/test-calendar-easter tests/test-calendar-holidays \
	tests/test-calendar-workdays tests/test-plan-slots
TESTS += tests/test-calendar-easter tests/test-calendar-holidays \
	tests/test-calendar-workdays tests/test-plan-slots
CAL_TEST_LDADD = tests/libtap.a cgi/libqmcal.a cgi/libqmutil.a
tests_test_calendar_easter_LDADD = $(CAL_TEST_LDADD)
tests_test_calendar_holidays_LDADD = $(CAL_TEST_LDADD)
tests_test_calendar_workdays_LDADD = $(CAL_TEST_LDADD)
tests_test_plan_slots_LDADD = $(CAL_TEST_LDADD)

# The planning form's defaults and slugs (cgi/planning.c, in libqmweb).
check_PROGRAMS += tests/test-planning-defaults
TESTS += tests/test-planning-defaults
tests_test_planning_defaults_LDADD = tests/libtap.a cgi/libqmweb.a \
	forms/libqmform.a cgi/libqmcal.a cgi/libqmutil.a \
	$(PQ_LIBS) $(XML_LIBS) $(SODIUM_LIBS)
tests_test_planning_defaults_CFLAGS = $(AM_CFLAGS) $(PQ_CFLAGS)

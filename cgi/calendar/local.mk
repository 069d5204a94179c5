# cgi/calendar/: working days, public and school holidays, and the slot
# planner of mystery campaigns. Pure computation over common/.
noinst_LIBRARIES += cgi/calendar/libqmcal.a
cgi_calendar_libqmcal_a_SOURCES = cgi/calendar/cal.c \
	cgi/calendar/cal.h cgi/calendar/plan.c cgi/calendar/plan.h \
	cgi/calendar/school.c cgi/calendar/school-csv.c \
	cgi/calendar/school.h
cgi_calendar_libqmcal_a_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I)
cgi_calendar_libqmcal_a_CFLAGS = $(AM_CFLAGS) $(CSV_CFLAGS)

CAL_TESTS = tests/test-calendar-easter tests/test-calendar-holidays \
	tests/test-calendar-workdays tests/test-calendar-due \
	tests/test-plan-slots tests/test-school-csv
check_PROGRAMS += $(CAL_TESTS)
TESTS += $(CAL_TESTS)
CAL_TEST_CPPFLAGS = $(AM_CPPFLAGS) $(COMMON_I) $(CAL_I) $(TAP_I)
CAL_TEST_LDADD = tests/libtap.a cgi/calendar/libqmcal.a common/libqmcommon.a
tests_test_calendar_easter_CPPFLAGS = $(CAL_TEST_CPPFLAGS)
tests_test_calendar_easter_LDADD = $(CAL_TEST_LDADD)
tests_test_calendar_holidays_CPPFLAGS = $(CAL_TEST_CPPFLAGS)
tests_test_calendar_holidays_LDADD = $(CAL_TEST_LDADD)
tests_test_calendar_workdays_CPPFLAGS = $(CAL_TEST_CPPFLAGS)
tests_test_calendar_workdays_LDADD = $(CAL_TEST_LDADD)
tests_test_calendar_due_CPPFLAGS = $(CAL_TEST_CPPFLAGS)
tests_test_calendar_due_LDADD = $(CAL_TEST_LDADD)
tests_test_plan_slots_CPPFLAGS = $(CAL_TEST_CPPFLAGS)
tests_test_plan_slots_LDADD = $(CAL_TEST_LDADD)
tests_test_school_csv_CPPFLAGS = $(CAL_TEST_CPPFLAGS) \
	-DTEST_DATA='"$(top_srcdir)/tests/data"'
tests_test_school_csv_LDADD = $(CAL_TEST_LDADD) $(CSV_LIBS)
EXTRA_DIST += tests/data/fr-en-calendrier-scolaire.csv

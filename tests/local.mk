# The TAP helper every unit test links with, and the test data.
noinst_LIBRARIES += tests/libtap.a
tests_libtap_a_SOURCES = tests/tap.c tests/tap.h

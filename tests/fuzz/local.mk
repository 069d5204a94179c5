# tests/fuzz/: libFuzzer targets of the parsers that read what a client or
# a definition sends (urlencoded bodies, headers and cookies, form tokens,
# form definitions, answers, CSV), their seed corpora, and run.sh, which
# builds them with clang in a separate build directory and runs each for
# a bounded time. Not built by make: ./run-tests runs tests/fuzz/run.sh.
EXTRA_DIST += tests/fuzz/run.sh tests/fuzz/fuzz-urlencoded.c \
	tests/fuzz/fuzz-headers.c tests/fuzz/fuzz-token.c \
	tests/fuzz/fuzz-form.c tests/fuzz/fuzz-valid.c tests/fuzz/fuzz-csv.c \
	tests/fuzz/corpus

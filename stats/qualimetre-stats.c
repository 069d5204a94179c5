/*
 * qualimetre-stats: the statistics library on the command line, one
 * subcommand per computation, printing one line of numbers for scripts.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "stats.h"

/* Exit statuses: bad usage or input, or figures that cannot be computed. */
#define EXIT_USAGE	2
#define EXIT_COMPUTE	1

#define PROGNAME	"qualimetre-stats"

/* The options, by the bit that says a subcommand accepts them. */
enum opt {
	OPT_METHOD,		/* --method M */
	OPT_LEVEL,		/* --level L */
	OPT_TARGET,		/* --target P */
	OPT_MARGIN,		/* --margin E */
	OPT_EXPECTED,		/* --expected P */
	OPT_POPULATION,		/* --population N */
	OPT__MAX
};

static const char *const opt_names[OPT__MAX] = {
	[OPT_METHOD] = "method",
	[OPT_LEVEL] = "level",
	[OPT_TARGET] = "target",
	[OPT_MARGIN] = "margin",
	[OPT_EXPECTED] = "expected",
	[OPT_POPULATION] = "population",
};

/* A parsed command line. */
struct args {
	const char	*cmd;		/* the subcommand's name */
	const char	*opt[OPT__MAX];	/* option values, or NULL if unset */
	char	       **operands;	/* the other arguments, in order */
	int		 noperands;
};

/* A subcommand. */
struct cmd {
	const char	*name;
	unsigned int	 opts;		/* accepted options, bits of enum opt */
	const char	*synopsis;	/* for usage() and error messages */
	int		 (*run)(const struct args *);
};

static int	cmd_proportion(const struct args *);
static int	cmd_difference(const struct args *);
static int	cmd_target(const struct args *);
static int	cmd_homogeneity(const struct args *);
static int	cmd_sample_size(const struct args *);

static const struct cmd cmds[] = {
	{ "proportion", 1u << OPT_METHOD | 1u << OPT_LEVEL,
	    "proportion [--method M] [--level L] X N", cmd_proportion },
	{ "difference", 1u << OPT_LEVEL,
	    "difference [--level L] X1 N1 X2 N2", cmd_difference },
	{ "target", 1u << OPT_TARGET | 1u << OPT_LEVEL,
	    "target --target P [--level L] X N", cmd_target },
	{ "homogeneity", 0,
	    "homogeneity X1/N1 X2/N2 ...", cmd_homogeneity },
	{ "sample-size", 1u << OPT_MARGIN | 1u << OPT_LEVEL |
	    1u << OPT_EXPECTED | 1u << OPT_POPULATION,
	    "sample-size --margin E [--level L] [--expected P] "
	    "[--population N]", cmd_sample_size },
};

#define NCMDS	(sizeof(cmds) / sizeof(cmds[0]))

static void
usage(FILE *f)
{
	size_t	 i;

	fprintf(f, "usage:");
	for (i = 0; i < NCMDS; i++)
		fprintf(f, "%s" PROGNAME " %s\n", i == 0 ? " " : "       ",
		    cmds[i].synopsis);
	fprintf(f, "methods: wilson (default), exact, jeffreys, "
	    "agresti-coull, wald; level default 0.95\n");
}

/* Prints "qualimetre-stats: " and the message on standard error. */
static void __attribute__((format(printf, 1, 2)))
errmsg(const char *fmt, ...)
{
	va_list	 ap;

	fputs(PROGNAME ": ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Parses the whole of s as a decimal integer: no sign other than '-', no
 * blank, no trailing junk, no overflow. Returns 0 and sets *v, or -1.
 */
static int
parse_ll(const char *s, long long *v)
{
	char		*end;
	long long	 n;

	if (*s != '-' && (*s < '0' || *s > '9'))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (end == s || *end != '\0' || errno == ERANGE)
		return -1;
	*v = n;
	return 0;
}

/*
 * Parses the whole of s as a finite decimal number, as parse_ll does.
 * Returns 0 and sets *v, or -1.
 */
static int
parse_double(const char *s, double *v)
{
	char	*end;
	double	 d;

	if (*s != '-' && *s != '.' && (*s < '0' || *s > '9'))
		return -1;
	errno = 0;
	d = strtod(s, &end);
	if (end == s || *end != '\0' || errno == ERANGE)
		return -1;
	*v = d;
	return 0;
}

/* Parses operand i as a count named name; prints why on failure. */
static int
count_arg(const struct args *a, int i, const char *name, long long *v)
{
	if (parse_ll(a->operands[i], v) == 0)
		return 0;
	errmsg("%s: %s is not a whole number: \"%s\"", a->cmd, name,
	    a->operands[i]);
	return -1;
}

/*
 * Parses option o as a number into *v, leaving *v (its default) when
 * the option was not given; prints why on failure.
 */
static int
double_opt(const struct args *a, enum opt o, double *v)
{
	if (a->opt[o] == NULL || parse_double(a->opt[o], v) == 0)
		return 0;
	errmsg("%s: --%s is not a number: \"%s\"", a->cmd, opt_names[o],
	    a->opt[o]);
	return -1;
}

/* Checks the number of operands; prints the synopsis on failure. */
static int
want_operands(const struct args *a, int n, const char *synopsis)
{
	if (a->noperands == n)
		return 0;
	errmsg("%s: expected %d operands, got %d; usage: " PROGNAME " %s",
	    a->cmd, n, a->noperands, synopsis);
	return -1;
}

/*
 * Reports a library error with its context and returns the exit status:
 * EXIT_COMPUTE when the input was valid but the figure cannot be
 * computed, EXIT_USAGE otherwise.
 */
static int
fail(const struct args *a, const char *what, int rc)
{
	errmsg("%s: %s%s", a->cmd, what, stats_strerror(rc));
	if (rc == STATS_ENOCONV || rc == STATS_EDEGENERATE)
		return EXIT_COMPUTE;
	return EXIT_USAGE;
}

/*
 * Prints v with at least 12 significant digits, and as many more (up to
 * 17) as reading it back needs to give v exactly.
 */
static void
put_double(double v)
{
	char	 buf[64];
	int	 prec;

	for (prec = 12; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%#.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	snprintf(buf, sizeof(buf), "%#.*g", prec, v);
	fputs(buf, stdout);
}

/* Ends the output line; returns 0, or EXIT_COMPUTE if writing failed. */
static int
end_line(void)
{
	putchar('\n');
	if (fflush(stdout) != 0 || ferror(stdout)) {
		errmsg("standard output: %s", strerror(errno));
		return EXIT_COMPUTE;
	}
	return 0;
}

static int
cmd_proportion(const struct args *a)
{
	struct stats_interval	 ci;
	enum stats_method	 method = STATS_WILSON;
	double			 level = 0.95;
	long long		 x, n;
	int			 rc;

	if (a->opt[OPT_METHOD] != NULL &&
	    stats_method_parse(a->opt[OPT_METHOD], &method) != 0) {
		errmsg("%s: unknown method \"%s\" (wilson, exact, jeffreys, "
		    "agresti-coull, wald)", a->cmd, a->opt[OPT_METHOD]);
		return EXIT_USAGE;
	}
	if (double_opt(a, OPT_LEVEL, &level) != 0 ||
	    want_operands(a, 2, cmds[0].synopsis) != 0 ||
	    count_arg(a, 0, "X", &x) != 0 || count_arg(a, 1, "N", &n) != 0)
		return EXIT_USAGE;
	if ((rc = stats_proportion(method, level, x, n, &ci)) != 0)
		return fail(a, "", rc);
	printf("%lld %lld ", x, n);
	put_double(ci.estimate);
	putchar(' ');
	put_double(ci.lower);
	putchar(' ');
	put_double(ci.upper);
	return end_line();
}

static int
cmd_difference(const struct args *a)
{
	struct stats_interval	 ci;
	double			 level = 0.95;
	long long		 x1, n1, x2, n2;
	int			 rc;

	if (double_opt(a, OPT_LEVEL, &level) != 0 ||
	    want_operands(a, 4, cmds[1].synopsis) != 0 ||
	    count_arg(a, 0, "X1", &x1) != 0 ||
	    count_arg(a, 1, "N1", &n1) != 0 ||
	    count_arg(a, 2, "X2", &x2) != 0 ||
	    count_arg(a, 3, "N2", &n2) != 0)
		return EXIT_USAGE;
	/* Name the pair at fault. */
	if ((rc = stats_check_counts(x1, n1)) != 0)
		return fail(a, "X1 N1: ", rc);
	if ((rc = stats_check_counts(x2, n2)) != 0)
		return fail(a, "X2 N2: ", rc);
	if ((rc = stats_difference(level, x1, n1, x2, n2, &ci)) != 0)
		return fail(a, "", rc);
	put_double(ci.estimate);
	putchar(' ');
	put_double(ci.lower);
	putchar(' ');
	put_double(ci.upper);
	return end_line();
}

static int
cmd_target(const struct args *a)
{
	struct stats_target	 t;
	double			 level = 0.95, target = -1.0;
	long long		 x, n;
	int			 rc;

	if (a->opt[OPT_TARGET] == NULL) {
		errmsg("%s: --target P is required", a->cmd);
		return EXIT_USAGE;
	}
	if (double_opt(a, OPT_TARGET, &target) != 0 ||
	    double_opt(a, OPT_LEVEL, &level) != 0 ||
	    want_operands(a, 2, cmds[2].synopsis) != 0 ||
	    count_arg(a, 0, "X", &x) != 0 || count_arg(a, 1, "N", &n) != 0)
		return EXIT_USAGE;
	if ((rc = stats_target(target, level, x, n, &t)) != 0)
		return fail(a, "", rc);
	printf("%s ", stats_verdict_name(t.verdict));
	put_double(t.p_below);
	putchar(' ');
	put_double(t.p_above);
	return end_line();
}

static int
cmd_homogeneity(const struct args *a)
{
	struct stats_homogeneity	 h;
	struct stats_group		*g = NULL;
	const char			*s, *slash;
	char				*xs = NULL;
	int				 i, rc, ex = EXIT_USAGE;

	if (a->noperands < 2) {
		errmsg("%s: expected at least two groups X/N; usage: "
		    PROGNAME " %s", a->cmd, cmds[3].synopsis);
		goto out;
	}
	if ((g = calloc(a->noperands, sizeof(*g))) == NULL) {
		errmsg("%s", strerror(errno));
		ex = EXIT_COMPUTE;
		goto out;
	}
	for (i = 0; i < a->noperands; i++) {
		s = a->operands[i];
		if ((slash = strchr(s, '/')) == NULL ||
		    (xs = strndup(s, slash - s)) == NULL ||
		    parse_ll(xs, &g[i].x) != 0 ||
		    parse_ll(slash + 1, &g[i].n) != 0) {
			errmsg("%s: group %d is not X/N with whole numbers: "
			    "\"%s\"", a->cmd, i + 1, s);
			goto out;
		}
		free(xs);
		xs = NULL;
		if ((rc = stats_check_counts(g[i].x, g[i].n)) != 0) {
			errmsg("%s: group %d (%s): %s", a->cmd, i + 1, s,
			    stats_strerror(rc));
			goto out;
		}
	}
	if ((rc = stats_homogeneity(g, a->noperands, &h)) != 0) {
		ex = fail(a, "", rc);
		goto out;
	}
	if (h.nsmall > 0)
		errmsg("warning: %zu of %d expected counts below 5 (smallest "
		    "%.3g): the chi-square approximation may be poor",
		    h.nsmall, 2 * a->noperands, h.min_expected);
	put_double(h.chi2);
	printf(" %lld ", h.df);
	put_double(h.p);
	ex = end_line();
out:
	free(xs);
	free(g);
	return ex;
}

static int
cmd_sample_size(const struct args *a)
{
	double		 margin = -1.0, level = 0.95, expected = 0.5;
	long long	 population = 0, n;
	int		 rc;

	if (a->opt[OPT_MARGIN] == NULL) {
		errmsg("%s: --margin E is required", a->cmd);
		return EXIT_USAGE;
	}
	if (double_opt(a, OPT_MARGIN, &margin) != 0 ||
	    double_opt(a, OPT_LEVEL, &level) != 0 ||
	    double_opt(a, OPT_EXPECTED, &expected) != 0 ||
	    want_operands(a, 0, cmds[4].synopsis) != 0)
		return EXIT_USAGE;
	if (a->opt[OPT_POPULATION] != NULL) {
		if (parse_ll(a->opt[OPT_POPULATION], &population) != 0) {
			errmsg("%s: --population is not a whole number: "
			    "\"%s\"", a->cmd, a->opt[OPT_POPULATION]);
			return EXIT_USAGE;
		}
		/* 0 means an infinite population to the library only. */
		if (population <= 0) {
			errmsg("%s: population must be positive", a->cmd);
			return EXIT_USAGE;
		}
	}
	if ((rc = stats_sample_size(margin, level, expected, population,
	    &n)) != 0)
		return fail(a, "", rc);
	printf("%lld", n);
	return end_line();
}

/*
 * Splits argv (after the subcommand) into options, "--name value" or
 * "--name=value", and operands, which may be negative numbers; "--" ends
 * the options. Returns 0, or prints why and returns -1. The operands
 * point into argv; the caller frees a->operands.
 */
static int
parse_args(const struct cmd *c, int argc, char **argv, struct args *a)
{
	const char	*arg, *eq;
	size_t		 len;
	int		 i, o, options = 1;

	if ((a->operands = calloc(argc + 1, sizeof(char *))) == NULL) {
		errmsg("%s", strerror(errno));
		return -1;
	}
	for (i = 0; i < argc; i++) {
		arg = argv[i];
		if (!options || strncmp(arg, "--", 2) != 0) {
			a->operands[a->noperands++] = argv[i];
			continue;
		}
		if (arg[2] == '\0') {
			options = 0;
			continue;
		}
		arg += 2;
		len = (eq = strchr(arg, '=')) != NULL ?
		    (size_t)(eq - arg) : strlen(arg);
		for (o = 0; o < OPT__MAX; o++)
			if (strlen(opt_names[o]) == len &&
			    strncmp(arg, opt_names[o], len) == 0)
				break;
		if (o == OPT__MAX || !(c->opts & 1u << o)) {
			errmsg("%s: unknown option --%.*s; usage: " PROGNAME
			    " %s", c->name, (int)len, arg, c->synopsis);
			return -1;
		}
		if (eq != NULL)
			a->opt[o] = eq + 1;
		else if (i + 1 < argc)
			a->opt[o] = argv[++i];
		else {
			errmsg("%s: option --%s needs a value", c->name,
			    opt_names[o]);
			return -1;
		}
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct args	 a;
	size_t		 i;
	int		 ex = EXIT_USAGE;

	memset(&a, 0, sizeof(a));
	/* GSL's default handler aborts; the library checks every status. */
	gsl_set_error_handler_off();
	if (argc < 2) {
		errmsg("no command (proportion, difference, target, "
		    "homogeneity, sample-size); see " PROGNAME " --help");
		goto out;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		ex = 0;
		goto out;
	}
	for (i = 0; i < NCMDS; i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			break;
	if (i == NCMDS) {
		errmsg("unknown command \"%s\" (proportion, difference, "
		    "target, homogeneity, sample-size)", argv[1]);
		goto out;
	}
	a.cmd = cmds[i].name;
	if (parse_args(&cmds[i], argc - 2, argv + 2, &a) != 0)
		goto out;
	ex = cmds[i].run(&a);
out:
	free(a.operands);
	return ex;
}

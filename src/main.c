/*
 * main.c: options, the order of startup, and respawnd's exit status.
 * Only here does respawnd exit on purpose: 2 for usage and configuration
 * errors, 1 for a system failure at startup, else what sup says.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "conf.h"
#include "log.h"
#include "loop.h"
#include "reexec.h"
#include "respawnd.h"
#include "sup.h"

extern char **environ;

static const char usage_text[] =
    "usage: respawnd [-c FILE] [-s STATEFILE] [-n] [-v] [-V] [-h] "
    "[-- COMMAND [ARG...]]\n"
    "\n"
    "  -c, --config FILE      configuration file (default "
    "/etc/respawnd.conf)\n"
    "  -s, --state-file FILE  state file, overriding state_file\n"
    "  -n, --check            check the configuration and exit\n"
    "  -v, --verbose          log at debug level\n"
    "  -V, --version          print the version and exit\n"
    "  -h, --help             print this help and exit\n"
    "  -- COMMAND [ARG...]    supervise COMMAND as the main service\n"
    "\n"
    "Signals: HUP re-exec, TERM/INT stop, USR1 status, USR2 reopen logs.\n"
    "See respawnd(8) and respawnd.conf(5).\n";

struct options {
	const char *config;
	const char *state_file;
	bool check;
	bool verbose;
	char **main_argv;
};

static _Noreturn void
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "respawnd: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage_text);
	exit(EXIT_USAGE);
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "state-file", required_argument, NULL, 's' },
		{ "check", no_argument, NULL, 'n' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opterr = 0;
	/* "+": the first non-option ends the options, as "--" does. */
	while ((c = getopt_long(argc, argv, "+:c:s:nvVh", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			o->config = optarg;
			break;
		case 's':
			o->state_file = optarg;
			break;
		case 'n':
			o->check = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'V':
			printf("respawnd %s\n", RESPAWND_VERSION);
			exit(EXIT_CLEAN);
		case 'h':
			fputs(usage_text, stdout);
			exit(EXIT_CLEAN);
		case ':':
			usage_error("option needs an argument: %s",
			    argv[optind - 1]);
		default:
			usage_error("unknown option: %s", argv[optind - 1]);
		}
	}
	if (optind < argc) {
		if (strcmp(argv[optind - 1], "--") != 0)
			usage_error("unexpected argument: %s (a command goes "
			    "after \"--\")", argv[optind]);
		o->main_argv = argv + optind;
	} else if (optind > 0 && strcmp(argv[optind - 1], "--") == 0) {
		usage_error("%s", "no command after \"--\"");
	}
}

static void
print_error(void *arg, const char *file, int line, const char *message)
{
	(void)arg;
	if (line > 0)
		fprintf(stderr, "%s:%d: %s\n", file, line, message);
	else
		fprintf(stderr, "%s: %s\n", file, message);
}

/* 0, 1 and 2 must be open, or our first pipe would become a service's
 * stdout by accident. */
static void
ensure_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int null = open("/dev/null", O_RDWR);

			if (null >= 0 && null != fd) {
				dup2(null, fd);
				close(null);
			}
		}
	}
}

int
main(int argc, char **argv)
{
	struct options o = { 0 };
	struct conf_opts copts = { 0 };
	char cwd[PATH_MAX];
	const char *config_path;
	struct conf *conf;
	uint64_t now;
	int rc;

	ensure_std_fds();
	reexec_take_marker();
	parse_options(argc, argv, &o);
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		die(EXIT_FATAL, "unable to get the working directory: %s",
		    strerror(errno));
	config_path = o.config;
	if (config_path == NULL && o.main_argv == NULL)
		config_path = "/etc/respawnd.conf";

	copts.environ = environ;
	copts.cwd = cwd;
	copts.uid = geteuid();
	copts.pid = getpid();
	copts.main_argv = o.main_argv;
	copts.state_file = o.state_file;
	copts.report = print_error;
	conf = conf_load(config_path, &copts);
	if (conf == NULL)
		return EXIT_USAGE;
	if (o.check) {
		conf_free(conf);
		return EXIT_CLEAN;
	}
	log_setup(conf->log_target, o.verbose ? LL_DEBUG : conf->log_level);

	/* Orphans of our services come to us, to be reaped. */
	/* A re-exec'd image is one already: setting it again walks every
	 * descendant in the kernel. */
	int subreaper = 0;
	prctl(PR_GET_CHILD_SUBREAPER, &subreaper);
	if (getpid() != 1 && !subreaper &&
	    prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
		log_msg(LL_WARN, "unable to become a subreaper: %s",
		    strerror(errno));
	if (reexec_setup(argv, &copts, config_path) < 0)
		die(EXIT_FATAL, "unable to find my own program: %s",
		    strerror(errno));
	if (loop_init(conf->forward_signals, conf->nforward,
	    conf->dash_form) < 0)
		die(EXIT_FATAL, "unable to start the event loop: %s",
		    strerror(errno));
	now = loop_clock_ms();
	log_msg(LL_INFO, "respawnd %s, %zu service%s", RESPAWND_VERSION,
	    conf->nsvcs, conf->nsvcs == 1 ? "" : "s");
	rc = reexec_start(conf, now);
	if (rc != 0) {
		if (sup_conf() == NULL)
			conf_free(conf);	/* sup never took it */
		return rc;
	}
	loop_unblock_others();
	/* Parsing left free holes in the heap: give their pages back, or an
	 * idle respawnd keeps the high-water mark of its startup resident. */
	malloc_trim(0);
	loop_run();
	sup_cleanup();
	reexec_cleanup();
	log_msg(LL_INFO, "exiting with status %d", sup_exit_status());
	return sup_exit_status();
}

/*
 * th-sigrec: a service that writes down every signal it gets.
 *
 *   th-sigrec FILE [-t TAG] [-i SIG]...
 *
 * Appends "ready PID" to FILE, then "SIGNO" for each signal caught; with
 * -t, every line starts with "TAG ". On
 * TERM, INT, HUP or QUIT it then dies of that signal, unless -i named it:
 * then it only writes it down and goes on.
 */
#include "th.h"

static const char *record;
static const char *tag = "";
static int ignored[65];

static void
on_signal(int signo)
{
	th_append(record, "%s%d\n", tag, signo);
	if (!ignored[signo] && (signo == SIGTERM || signo == SIGINT ||
	    signo == SIGHUP || signo == SIGQUIT)) {
		signal(signo, SIG_DFL);
		raise(signo);
	}
}

int
main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	int opt;

	if (argc < 2) {
		fprintf(stderr, "usage: th-sigrec FILE [-i SIG]...\n");
		return 2;
	}
	record = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "i:t:")) != -1) {
		int signo = atoi(optarg);
		char *t;

		if (opt == 't') {
			if (asprintf(&t, "%s ", optarg) < 0)
				return 111;
			tag = t;
			continue;
		}
		if (opt != 'i' || signo <= 0 || signo >= 65)
			return 2;
		ignored[signo] = 1;
	}
	sigfillset(&sa.sa_mask);
	for (int signo = 1; signo < 65; signo++) {
		if (signo == SIGKILL || signo == SIGSTOP || signo == SIGCHLD ||
		    signo == SIGSEGV || signo == SIGBUS || signo == SIGFPE ||
		    signo == SIGILL || signo == 32 || signo == 33)
			continue;
		sigaction(signo, &sa, NULL);
	}
	th_append(record, "%sready %ld\n", tag, (long)getpid());
	th_wait_forever();
}

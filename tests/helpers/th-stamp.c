/*
 * th-stamp: a service that says when it started.
 *
 *   th-stamp FILE [-i SIG]... [-x CODE] [-k SIG] [-g FILE] [-o FILE]
 *
 * Appends "PID MONOTONIC_NS" to FILE at start, then by option:
 *   -i SIG   ignore SIG (given before the stamp is written)
 *   -g FILE  fork a child that stays in our process group, writes its pid
 *            to FILE and waits (ignoring what -i ignores); we go on once
 *            it has written
 *   -o FILE  double-fork an orphan that writes its pid to FILE and exits
 *            when its stdin closes or after 300 ms
 *   -x CODE  exit with CODE
 *   -k SIG   kill ourselves with SIG
 * and otherwise waits for ever.
 */
#include <sys/wait.h>

#include "th.h"

int
main(int argc, char **argv)
{
	const char *stamp, *group_file = NULL, *orphan_file = NULL;
	int exit_code = -1, kill_sig = 0, opt;

	if (argc < 2) {
		fprintf(stderr, "usage: th-stamp FILE [options]\n");
		return 2;
	}
	stamp = argv[1];
	optind = 2;
	while ((opt = getopt(argc, argv, "i:x:k:g:o:")) != -1) {
		switch (opt) {
		case 'i':
			signal(atoi(optarg), SIG_IGN);
			break;
		case 'x':
			exit_code = atoi(optarg);
			break;
		case 'k':
			kill_sig = atoi(optarg);
			break;
		case 'g':
			group_file = optarg;
			break;
		case 'o':
			orphan_file = optarg;
			break;
		default:
			return 2;
		}
	}
	th_append(stamp, "%ld %lld\n", (long)getpid(), th_now_ns());
	if (group_file != NULL) {
		int ready[2];
		char c;

		/* The child is in the file before we go on (and maybe exit). */
		if (pipe(ready) < 0)
			return 111;
		if (fork() == 0) {
			th_append(group_file, "%ld\n", (long)getpid());
			(void)!write(ready[1], "", 1);
			th_wait_forever();
		}
		(void)!read(ready[0], &c, 1);
	}
	if (orphan_file != NULL) {
		pid_t child = fork();

		if (child == 0) {
			if (fork() == 0) {
				struct timespec t = { 0, 300 * 1000 * 1000 };

				th_append(orphan_file, "%ld\n", (long)getpid());
				nanosleep(&t, NULL);
				_exit(0);
			}
			_exit(0);
		}
		waitpid(child, NULL, 0);
	}
	if (exit_code >= 0)
		return exit_code;
	if (kill_sig > 0) {
		signal(kill_sig, SIG_DFL);
		raise(kill_sig);
	}
	th_wait_forever();
}

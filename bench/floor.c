/*
 * floor: the spawn floor, what a supervisor cannot beat.
 *
 *   floor launch fork|vfork|spawn HELPER STAMPDIR N
 *       start N copies of HELPER (child i: HELPER STAMPDIR/sI) as fast
 *       as possible with fork+exec, vfork+exec or posix_spawn, then
 *       pause forever (the benchmark kills it).
 *   floor respawn HELPER STAMPDIR N [-x]
 *       a minimal respawner with no features: vfork+exec N children,
 *       then loop: sigwaitinfo(SIGCHLD), waitpid(-1, WNOHANG) until none
 *       is left, and vfork+exec a replacement for each at once.
 *       -x passes -x to the helper (the crash loop).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static char ***argvs;
static pid_t *pids;
static int n;
/* pid -> index, open addressing */
static pid_t *hkey;
static int *hval;
static unsigned hmask;
static sigset_t empty;

static void
hput(pid_t p, int i)
{
	unsigned h = ((unsigned)p * 2654435761u) & hmask;

	while (hkey[h] != 0 && hkey[h] != -1 && hkey[h] != p)
		h = (h + 1) & hmask;
	hkey[h] = p;
	hval[h] = i;
}

static int
hdel(pid_t p)
{
	unsigned h = ((unsigned)p * 2654435761u) & hmask, left = hmask + 1;

	while (hkey[h] != 0 && left-- > 0) {
		if (hkey[h] == p) {
			hkey[h] = -1;
			return hval[h];
		}
		h = (h + 1) & hmask;
	}
	return -1;
}

static pid_t
vspawn(char **av)
{
	pid_t p = vfork();

	if (p == 0) {
		sigprocmask(SIG_SETMASK, &empty, NULL);
		execve(av[0], av, environ);
		_exit(127);
	}
	return p;
}

int
main(int argc, char **argv)
{
	int respawn, crash = 0;
	const char *mode = "vfork";
	int a = 2;

	if (argc < 5) {
		fprintf(stderr, "usage: floor launch MODE HELPER DIR N | "
		    "floor respawn HELPER DIR N [-x]\n");
		return 2;
	}
	respawn = strcmp(argv[1], "respawn") == 0;
	if (!respawn)
		mode = argv[a++];
	if (argc < a + 3)
		return 2;
	const char *helper = argv[a], *dir = argv[a + 1];
	n = atoi(argv[a + 2]);
	if (respawn && argc > a + 3 && strcmp(argv[a + 3], "-x") == 0)
		crash = 1;
	argvs = calloc((size_t)n, sizeof(*argvs));
	pids = calloc((size_t)n, sizeof(*pids));
	for (int i = 0; i < n; i++) {
		char **av = calloc(4, sizeof(char *));
		int k = 0;

		av[k++] = (char *)helper;
		if (crash)
			av[k++] = "-x";
		if (asprintf(&av[k++], "%s/s%d", dir, i) < 0)
			return 1;
		argvs[i] = av;
	}
	sigemptyset(&empty);
	if (!respawn) {
		for (int i = 0; i < n; i++) {
			pid_t p;

			if (strcmp(mode, "fork") == 0) {
				p = fork();
				if (p == 0) {
					execve(argvs[i][0], argvs[i], environ);
					_exit(127);
				}
			} else if (strcmp(mode, "spawn") == 0) {
				if (posix_spawn(&p, argvs[i][0], NULL, NULL,
				    argvs[i], environ) != 0)
					p = -1;
			} else {
				p = vspawn(argvs[i]);
			}
			if (p < 0)
				perror("spawn");
		}
		signal(SIGCHLD, SIG_IGN);
		for (;;)
			pause();
	}

	unsigned sz = 16;
	while (sz < 2u * (unsigned)n)
		sz <<= 1;
	hmask = sz - 1;
	hkey = calloc(sz, sizeof(*hkey));
	hval = calloc(sz, sizeof(*hval));
	int *todo = calloc((size_t)n, sizeof(int));
	sigset_t chld;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	for (int i = 0; i < n; i++) {
		pids[i] = vspawn(argvs[i]);
		hput(pids[i], i);
	}
	for (;;) {
		siginfo_t si;
		int nt = 0, st;
		pid_t p;

		if (sigwaitinfo(&chld, &si) < 0 && errno != EINTR)
			return 1;
		while ((p = waitpid(-1, &st, WNOHANG)) > 0) {
			int i = hdel(p);

			if (i >= 0)
				todo[nt++] = i;
		}
		for (int k = 0; k < nt; k++) {
			int i = todo[k];

			pids[i] = vspawn(argvs[i]);
			if (pids[i] > 0)
				hput(pids[i], i);
		}
	}
}

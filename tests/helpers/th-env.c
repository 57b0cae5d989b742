/*
 * th-env: a service that describes the world it was started in.
 *
 *   th-env FILE [ARG...]
 *
 * Writes to FILE.tmp, then renames it to FILE (so FILE appears whole):
 *   argv N VALUE      each argument
 *   env KEY=VALUE     each environment entry
 *   cwd PATH
 *   umask OCTAL
 *   ids UID GID       and "groups G..." (supplementary)
 *   pgid PGID sid SID pid PID
 *   fd N              each open descriptor
 *   sigblk HEX, sigign HEX   from /proc/self/status
 *   stdin/stdout/stderr TARGET   where 0, 1 and 2 point
 * then waits for ever.
 */
#include <dirent.h>
#include <grp.h>
#include <limits.h>
#include <sys/stat.h>

#include "th.h"

extern char **environ;

int
main(int argc, char **argv)
{
	char tmp[PATH_MAX], cwd[PATH_MAX], line[512];
	gid_t groups[256];
	FILE *out, *status;
	DIR *fds;
	struct dirent *d;
	mode_t mask;
	int n;

	if (argc < 2) {
		fprintf(stderr, "usage: th-env FILE\n");
		return 2;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[1]);
	/* List the fds before opening anything of our own. */
	fds = opendir("/proc/self/fd");
	out = fopen(tmp, "we");
	if (out == NULL || fds == NULL)
		return 111;
	while ((d = readdir(fds)) != NULL) {
		if (d->d_name[0] == '.' || atoi(d->d_name) == dirfd(fds) ||
		    atoi(d->d_name) == fileno(out))
			continue;
		fprintf(out, "fd %s\n", d->d_name);
	}
	closedir(fds);
	for (int i = 0; i < argc; i++)
		fprintf(out, "argv %d %s\n", i, argv[i]);
	for (char **e = environ; *e != NULL; e++)
		fprintf(out, "env %s\n", *e);
	fprintf(out, "cwd %s\n", getcwd(cwd, sizeof(cwd)) ? cwd : "?");
	mask = umask(0);
	umask(mask);
	fprintf(out, "umask %04o\n", (unsigned)mask);
	fprintf(out, "ids %u %u\n", (unsigned)getuid(), (unsigned)getgid());
	n = getgroups(256, groups);
	fprintf(out, "groups");
	for (int i = 0; i < n; i++)
		fprintf(out, " %u", (unsigned)groups[i]);
	fprintf(out, "\n");
	fprintf(out, "pgid %ld sid %ld pid %ld\n", (long)getpgrp(),
	    (long)getsid(0), (long)getpid());
	for (int fd = 0; fd < 3; fd++) {
		char link[64], target[PATH_MAX];
		ssize_t len;

		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		len = readlink(link, target, sizeof(target) - 1);
		target[len < 0 ? 0 : len] = '\0';
		fprintf(out, "%s %s\n", fd == 0 ? "stdin" : fd == 1 ? "stdout" :
		    "stderr", len < 0 ? "closed" : target);
	}
	status = fopen("/proc/self/status", "re");
	while (status != NULL && fgets(line, sizeof(line), status) != NULL) {
		if (strncmp(line, "SigBlk:", 7) == 0)
			fprintf(out, "sigblk %s", line + 8);
		else if (strncmp(line, "SigIgn:", 7) == 0)
			fprintf(out, "sigign %s", line + 8);
	}
	if (status != NULL)
		fclose(status);
	fclose(out);
	rename(tmp, argv[1]);
	th_wait_forever();
}

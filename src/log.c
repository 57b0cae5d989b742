/*
 * log.c: respawnd's own log lines. Each line is formatted into one buffer
 * and written with a single write(2), so lines from respawnd never
 * interleave with each other, whatever its services write to the same
 * stderr. Never allocates.
 */
#include "log.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

static enum log_target log_target = LOG_TO_STDERR;
static enum log_level log_level = LL_INFO;

static const char *const level_names[] = {
	[LL_ERROR] = "error",
	[LL_WARN] = "warn",
	[LL_INFO] = "info",
	[LL_DEBUG] = "debug",
};

static const int syslog_priorities[] = {
	[LL_ERROR] = LOG_ERR,
	[LL_WARN] = LOG_WARNING,
	[LL_INFO] = LOG_INFO,
	[LL_DEBUG] = LOG_DEBUG,
};

void
log_setup(enum log_target target, enum log_level level)
{
	if (target == LOG_TO_SYSLOG && log_target != LOG_TO_SYSLOG)
		openlog("respawnd", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	else if (target != LOG_TO_SYSLOG && log_target == LOG_TO_SYSLOG)
		closelog();
	log_target = target;
	log_level = level;
}

bool
log_enabled(enum log_level level)
{
	return level <= log_level;
}

const char *
log_level_name(enum log_level level)
{
	return level_names[level];
}

static void
emit(enum log_level level, const char *service, const char *fmt, va_list ap)
{
	char line[1024];
	size_t len = 0;
	int n, saved = errno;

	if (!log_enabled(level))
		return;
	/* syslog prefixes "respawnd[PID]: " itself. */
	if (log_target == LOG_TO_STDERR) {
		n = snprintf(line, sizeof(line), "respawnd[%ld]: ",
		    (long)getpid());
		len = (size_t)n;
	}
	n = snprintf(line + len, sizeof(line) - len, "%s: ",
	    level_names[level]);
	len += (size_t)n;
	if (service != NULL) {
		n = snprintf(line + len, sizeof(line) - len, "service %s: ",
		    service);
		len += (size_t)n;
	}
	n = vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	if (n < 0)
		n = 0;
	len += (size_t)n;
	if (len > sizeof(line) - 2) {
		/* Too long: keep the start and mark the cut. */
		len = sizeof(line) - 2;
		memcpy(line + len - 3, "...", 3);
	}
	if (log_target == LOG_TO_SYSLOG) {
		line[len] = '\0';
		syslog(syslog_priorities[level], "%s", line);
	} else {
		line[len++] = '\n';
		/* A short write to stderr has nowhere else to be reported. */
		while (write(STDERR_FILENO, line, len) < 0 && errno == EINTR)
			;
	}
	errno = saved;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(level, NULL, fmt, ap);
	va_end(ap);
}

void
log_svc(enum log_level level, const char *name, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(level, name, fmt, ap);
	va_end(ap);
}

void
die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(LL_ERROR, NULL, fmt, ap);
	va_end(ap);
	exit(code);
}

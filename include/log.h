/*
 * log.h: respawnd's own log lines, "respawnd[PID]: LEVEL: message", one
 * write(2) per line, to stderr or syslog.
 */
#ifndef RESPAWND_LOG_H
#define RESPAWND_LOG_H

#include <stdarg.h>
#include <stdbool.h>

enum log_level {
	LL_ERROR,
	LL_WARN,
	LL_INFO,
	LL_DEBUG,
};

enum log_target {
	LOG_TO_STDERR,
	LOG_TO_SYSLOG,
};

/* Select where lines go and the lowest level that is written. Cannot fail. */
void
log_setup(enum log_target target, enum log_level level);

/* True when a line of this level would be written. */
bool
log_enabled(enum log_level level);

/* One line about respawnd itself. Keeps errno. */
void
log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* One line about service NAME: "service NAME: message". Keeps errno. */
void
log_svc(enum log_level level, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Startup only: log at error level and exit with CODE. */
_Noreturn void
die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The name of a level as it appears in a line ("warn"). */
const char *
log_level_name(enum log_level level);

#endif

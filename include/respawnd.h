/*
 * respawnd.h: the version, the limits of the contract and the exit codes.
 * The version lives here and nowhere else.
 */
#ifndef RESPAWND_H
#define RESPAWND_H

#define RESPAWND_VERSION	"0.1.0"

/* SPEC.md: a service name is 1 to 40 of [A-Za-z0-9_.-]. */
#define RESPAWND_NAME_MAX	40

/* SPEC.md: inih's Debian build reads 200-byte lines, NUL included. */
#define RESPAWND_LINE_MAX	199

/* Exit statuses of respawnd itself (a main service's status overrides). */
#define EXIT_CLEAN		0
#define EXIT_FATAL		1
#define EXIT_USAGE		2

#endif

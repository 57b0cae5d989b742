/*
 * reexec.h: SIGHUP's handover to a new image of respawnd, and the new
 * image's adoption of what the old one left.
 */
#ifndef RESPAWND_REEXEC_H
#define RESPAWND_REEXEC_H

#include <stdint.h>

/* SIGHUP: a re-exec is wanted; it happens before the loop next sleeps,
 * so a storm of SIGHUPs makes one. */
void
reexec_request(uint64_t now);

/* Once per loop iteration: a wanted re-exec. */
void
reexec_before_sleep(uint64_t now);

#endif

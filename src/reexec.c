/*
 * reexec.c: SIGHUP's handover. (Being built: see the re-exec issue.)
 */
#include "reexec.h"

#include "log.h"

void
reexec_request(uint64_t now)
{
	(void)now;
	log_msg(LL_WARN, "SIGHUP: re-exec is not available in this build");
}

void
reexec_before_sleep(uint64_t now)
{
	(void)now;
}

/*
 * run.c: check-unit, every suite in fork mode (a crash fails one test,
 * not the run). Exits non-zero on any failure.
 */
#include <stdlib.h>

#include "unit.h"

int
main(void)
{
	SRunner *runner = srunner_create(parse_suite());
	int failed;

	srunner_add_suite(runner, words_suite());
	srunner_add_suite(runner, backoff_suite());
	srunner_add_suite(runner, wheel_suite());
	srunner_add_suite(runner, conf_suite());
	srunner_add_suite(runner, svc_suite());
	srunner_add_suite(runner, proc_suite());
	srunner_add_suite(runner, statefile_suite());
	srunner_set_fork_status(runner, CK_FORK);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

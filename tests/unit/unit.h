/*
 * unit.h: the suites of check-unit, one per pure module.
 */
#ifndef RESPAWND_UNIT_H
#define RESPAWND_UNIT_H

#include <check.h>

Suite *parse_suite(void);
Suite *words_suite(void);
Suite *backoff_suite(void);
Suite *wheel_suite(void);
Suite *conf_suite(void);
Suite *svc_suite(void);
Suite *proc_suite(void);
Suite *statefile_suite(void);

#endif

/*
 * check_svc.c: one service's state machine, row by row of the table in
 * include/svc.h, on a fake clock: every event gets NOW as an argument, so
 * "ran for 10 s" is two numbers, never a sleep. The configuration is
 * built by hand with SPEC.md's defaults, not read from a file.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "respawnd.h"
#include "svc.h"
#include "unit.h"

#define PID	4321

/* The service's configuration; svc holds a pointer to it, so it must
 * outlive the test, and Check's fork mode gives each test its own copy. */
static struct svc_conf the_conf;
static struct exit_codes the_success;
static char the_name[RESPAWND_NAME_MAX + 1];

/* Wait statuses as waitpid(2) reports them on Linux. */
static int
exited(int code)
{
	return (code & 0xff) << 8;
}

static int
killed_by(int signo)
{
	return signo & 0x7f;
}

/* SPEC.md's defaults: restart_delay 100ms, restart_delay_max 30s,
 * backoff_factor 2, stable_after 10s, max_restarts 0, stop_signal TERM,
 * stop_timeout 10s, kill_mode group, success_exit_codes 0. */
static struct svc_conf *
fixture_conf(const char *name, enum restart_policy restart)
{
	struct svc_conf *c = &the_conf;

	memset(c, 0, sizeof(*c));
	snprintf(the_name, sizeof(the_name), "%s", name);
	c->name = the_name;
	c->restart = restart;
	the_success = (struct exit_codes){ .bits = { 1 } };
	c->success = &the_success;
	c->backoff = (struct backoff_policy){
		.delay_ms = 100,
		.delay_max_ms = 30000,
		.stable_after_ms = 10000,
		.factor = 2,
		.max_restarts = 0,
	};
	c->stop_signal = SIGTERM;
	c->stop_timeout_ms = 10000;
	c->kill_mode = KILL_GROUP;
	c->priority = 100;
	c->digest = UINT64_C(0xfeedfacecafe);
	return c;
}

/* A service started and spawned at SINCE, now running as PID. */
static struct svc
fixture_running(const char *name, enum restart_policy restart, uint64_t since)
{
	struct svc s;
	struct svc_action a;

	svc_init(&s, fixture_conf(name, restart));
	a = svc_start(&s);
	ck_assert_int_eq(a.act, ACT_QUEUE);
	a = svc_spawned(&s, PID, since);
	ck_assert_int_eq(a.act, ACT_NONE);
	ck_assert_int_eq(s.state, SVC_RUNNING);
	return s;
}

/* The service in backoff after one short failed run. */
static struct svc
fixture_backoff(const char *name)
{
	struct svc s = fixture_running(name, RESTART_ALWAYS, 1000);
	struct svc_action a = svc_exited(&s, exited(1), 1500, false, false);

	ck_assert_int_eq(a.act, ACT_WAIT);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
	return s;
}

static struct svc
fixture_stopping(const char *name, enum svc_after after)
{
	struct svc s = fixture_running(name, RESTART_ALWAYS, 1000);
	struct svc_action a = svc_stop(&s, after, 0);

	ck_assert_int_eq(a.act, ACT_SIGNAL);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	return s;
}

static void
action_is(struct svc_action a, enum svc_act act, int signo, uint64_t delay,
    bool respawn)
{
	ck_assert_int_eq(a.act, act);
	ck_assert_int_eq(a.signo, signo);
	ck_assert_uint_eq(a.delay_ms, delay);
	ck_assert_int_eq(a.respawn, respawn);
}

START_TEST(init_is_stopped)
{
	struct svc s;

	memset(&s, 0x5a, sizeof(s));
	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	ck_assert_ptr_eq(s.conf, &the_conf);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert_uint_eq(s.restarts, 0);
	ck_assert_int_eq(s.last_status, -1);
	ck_assert(!s.respawning);
	ck_assert(!s.signalled);
	ck_assert(!s.killed);
	ck_assert(!s.queued);
	ck_assert(!wheel_entry_pending(&s.timer));
	ck_assert(!svc_active(&s));
}
END_TEST

START_TEST(state_names)
{
	ck_assert_str_eq(svc_state_name(SVC_STOPPED), "stopped");
	ck_assert_str_eq(svc_state_name(SVC_STARTING), "starting");
	ck_assert_str_eq(svc_state_name(SVC_RUNNING), "running");
	ck_assert_str_eq(svc_state_name(SVC_BACKOFF), "backoff");
	ck_assert_str_eq(svc_state_name(SVC_STOPPING), "stopping");
	ck_assert_str_eq(svc_state_name(SVC_FAILED), "failed");
}
END_TEST

/* stopped, failed | start | queue (streak = 0) | starting */
START_TEST(start_from_stopped)
{
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	s.streak = 4;
	action_is(svc_start(&s), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert(!s.respawning);
}
END_TEST

START_TEST(start_from_failed)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	the_conf.backoff.max_restarts = 1;
	s.streak = 1;
	action_is(svc_exited(&s, exited(3), 1200, false, false), ACT_GIVE_UP,
	    0, 0, false);
	ck_assert_int_eq(s.state, SVC_FAILED);
	action_is(svc_start(&s), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert(!s.respawning);
	/* A fresh start is no restart. */
	svc_spawned(&s, PID + 1, 5000);
	ck_assert_uint_eq(s.restarts, 0);
}
END_TEST

/* starting | spawned | note pid, start time | running */
START_TEST(spawned_notes_pid_and_time)
{
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	svc_start(&s);
	s.signalled = true;
	s.killed = true;
	action_is(svc_spawned(&s, PID, 777), ACT_NONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_RUNNING);
	ck_assert_int_eq(s.pid, PID);
	ck_assert_int_eq(s.pgid, PID);
	ck_assert_uint_eq(s.started_ms, 777);
	ck_assert_uint_eq(s.definition, UINT64_C(0xfeedfacecafe));
	ck_assert(!s.signalled);
	ck_assert(!s.killed);
	ck_assert(svc_active(&s));
}
END_TEST

START_TEST(spawned_process_mode_has_no_group)
{
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	the_conf.kill_mode = KILL_PROCESS;
	svc_start(&s);
	svc_spawned(&s, PID, 1);
	ck_assert_int_eq(s.pid, PID);
	ck_assert_int_eq(s.pgid, 0);
	/* The "--" form runs in its own group whatever kill_mode says. */
	svc_init(&s, &the_conf);
	the_conf.foreground = true;
	svc_start(&s);
	svc_spawned(&s, PID, 1);
	ck_assert_int_eq(s.pgid, PID);
}
END_TEST

/* starting, running | exit, restart wanted, streak left | backoff */
START_TEST(exit_restart_wanted_backs_off)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	action_is(svc_exited(&s, exited(1), 1500, false, false), ACT_WAIT, 0,
	    100, true);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
	ck_assert_uint_eq(s.streak, 1);
	ck_assert_int_eq(s.last_status, exited(1));
	ck_assert_uint_eq(s.last_ran_ms, 500);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert(s.respawning);
	ck_assert(!svc_active(&s));
}
END_TEST

/* backoff | timer | queue | starting */
START_TEST(backoff_timer_queues)
{
	struct svc s = fixture_backoff("web");

	/* respawn is false: sup logged the restart when the wait began. */
	action_is(svc_timer(&s), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert(s.respawning);
	ck_assert_uint_eq(s.streak, 1);
}
END_TEST

START_TEST(streak_of_short_runs_doubles)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 0);
	static const uint64_t want[] = { 100, 200, 400, 800, 1600, 3200 };
	uint64_t now = 0;

	for (unsigned i = 0; i < 6; i++) {
		now += 2000;
		action_is(svc_exited(&s, exited(0), now, false, false),
		    ACT_WAIT, 0, want[i], true);
		ck_assert_uint_eq(s.streak, i + 1);
		now += want[i];
		ck_assert_int_eq(svc_timer(&s).act, ACT_QUEUE);
		svc_spawned(&s, PID + (pid_t)i, now);
		ck_assert_uint_eq(s.restarts, i + 1);
	}
}
END_TEST

START_TEST(stable_run_resets_streak)
{
	/* STYLE.md's example: running since 1000, streak 3, exit at 11000. */
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	s.streak = 3;
	struct svc_action a = svc_exited(&s, exited(1), 1000 + 10000, false,
	    false);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
	ck_assert_int_eq(a.act, ACT_WAIT);
	ck_assert_uint_eq(a.delay_ms, 100);
	ck_assert_uint_eq(s.streak, 1);

	/* One millisecond less, and the streak goes on: 100 * 2^3. */
	s = fixture_running("web", RESTART_ALWAYS, 1000);
	s.streak = 3;
	a = svc_exited(&s, exited(1), 1000 + 9999, false, false);
	ck_assert_int_eq(a.act, ACT_WAIT);
	ck_assert_uint_eq(a.delay_ms, 800);
	ck_assert_uint_eq(s.streak, 4);
}
END_TEST

/* starting, running | exit, streak spent | give up | failed */
START_TEST(give_up_after_max_restarts)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 0);
	uint64_t now = 0;

	the_conf.backoff.max_restarts = 3;
	/* Runs 1 to 3 are restarted, run 4 (max_restarts + 1) is not. */
	for (unsigned run = 1; run <= 3; run++) {
		now += 50;
		ck_assert_int_eq(svc_exited(&s, exited(1), now, false,
		    false).act, ACT_WAIT);
		ck_assert_int_eq(svc_timer(&s).act, ACT_QUEUE);
		svc_spawned(&s, PID, now);
	}
	ck_assert_uint_eq(s.restarts, 3);
	now += 50;
	action_is(svc_exited(&s, exited(1), now, false, false), ACT_GIVE_UP, 0,
	    0, false);
	ck_assert_int_eq(s.state, SVC_FAILED);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.last_status, exited(1));
	ck_assert(!svc_active(&s));
}
END_TEST

/* starting, running | exit, no restart | done | stopped */
START_TEST(exit_no_restart_stops)
{
	struct svc s = fixture_running("web", RESTART_NEVER, 1000);

	action_is(svc_exited(&s, exited(1), 2000, false, false), ACT_DONE, 0, 0,
	    false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert_int_eq(s.last_status, exited(1));
	ck_assert_uint_eq(s.last_ran_ms, 1000);

	s = fixture_running("web", RESTART_ON_FAILURE, 1000);
	action_is(svc_exited(&s, exited(0), 2000, false, false), ACT_DONE, 0, 0,
	    false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
}
END_TEST

START_TEST(exit_during_shutdown_never_restarts)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	action_is(svc_exited(&s, killed_by(SIGSEGV), 1001, false, true),
	    ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_uint_eq(s.streak, 0);
}
END_TEST

START_TEST(restart_wanted_matrix)
{
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	for (int sent = 0; sent <= 1; sent++) {
		s.signalled = sent;
		the_conf.restart = RESTART_ALWAYS;
		ck_assert(svc_restart_wanted(&s, exited(0)));
		ck_assert(svc_restart_wanted(&s, exited(1)));
		ck_assert(svc_restart_wanted(&s, killed_by(SIGKILL)));
		the_conf.restart = RESTART_NEVER;
		ck_assert(!svc_restart_wanted(&s, exited(0)));
		ck_assert(!svc_restart_wanted(&s, exited(1)));
		ck_assert(!svc_restart_wanted(&s, killed_by(SIGKILL)));
		/* on-failure: exit statuses decide, whoever signalled. */
		the_conf.restart = RESTART_ON_FAILURE;
		ck_assert(!svc_restart_wanted(&s, exited(0)));
		ck_assert(svc_restart_wanted(&s, exited(1)));
		ck_assert(svc_restart_wanted(&s, exited(255)));
		ck_assert(svc_restart_wanted(&s, SVC_SPAWN_FAILED_STATUS));
	}
	/* on-failure and a signal: restart unless respawnd sent one. */
	s.signalled = false;
	ck_assert(svc_restart_wanted(&s, killed_by(SIGTERM)));
	ck_assert(svc_restart_wanted(&s, killed_by(SIGKILL)));
	ck_assert(svc_restart_wanted(&s, killed_by(SIGSEGV) | 0x80));
	s.signalled = true;
	ck_assert(!svc_restart_wanted(&s, killed_by(SIGTERM)));
	ck_assert(!svc_restart_wanted(&s, killed_by(SIGKILL)));
	/* success_exit_codes replaces 0. */
	memset(&the_success, 0, sizeof(the_success));
	the_success.bits[0] = (UINT64_C(1) << 2) | (UINT64_C(1) << 3);
	the_success.bits[2] = UINT64_C(1) << (143 - 128);
	s.signalled = false;
	ck_assert(svc_restart_wanted(&s, exited(0)));
	ck_assert(!svc_restart_wanted(&s, exited(2)));
	ck_assert(!svc_restart_wanted(&s, exited(3)));
	ck_assert(!svc_restart_wanted(&s, exited(143)));
	ck_assert(svc_restart_wanted(&s, exited(4)));
}
END_TEST

START_TEST(restart_wanted_unknown_status)
{
	/* A survivor of an earlier respawnd: its status is nobody's to
	 * know, so only restart = never keeps it down. */
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	ck_assert(svc_restart_wanted(&s, SVC_STATUS_UNKNOWN));
	the_conf.restart = RESTART_ON_FAILURE;
	ck_assert(svc_restart_wanted(&s, SVC_STATUS_UNKNOWN));
	s.signalled = true;
	ck_assert(svc_restart_wanted(&s, SVC_STATUS_UNKNOWN));
	the_conf.restart = RESTART_NEVER;
	ck_assert(!svc_restart_wanted(&s, SVC_STATUS_UNKNOWN));
}
END_TEST

START_TEST(on_failure_exit_through_machine)
{
	struct svc s = fixture_running("web", RESTART_ON_FAILURE, 1000);

	/* A signal nobody here sent: restart. */
	action_is(svc_exited(&s, killed_by(SIGTERM), 1200, false, false),
	    ACT_WAIT, 0, 100, true);
	/* A signal respawnd sent: no restart. */
	s = fixture_running("web", RESTART_ON_FAILURE, 1000);
	s.signalled = true;
	action_is(svc_exited(&s, killed_by(SIGTERM), 1200, false, false),
	    ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	/* A failing status, signalled or not: restart. */
	s = fixture_running("web", RESTART_ON_FAILURE, 1000);
	s.signalled = true;
	action_is(svc_exited(&s, exited(2), 1200, false, false), ACT_WAIT, 0,
	    100, true);
}
END_TEST

/* (0 ms: queue) (starting) */
START_TEST(zero_delay_queues_at_once)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	the_conf.backoff.delay_ms = 0;
	action_is(svc_exited(&s, exited(1), 1100, false, false), ACT_QUEUE, 0,
	    0, true);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert(s.respawning);
	ck_assert_uint_eq(s.streak, 1);
	svc_spawned(&s, PID + 1, 1100);
	ck_assert_uint_eq(s.restarts, 1);
}
END_TEST

/* starting | spawn failed | as an exit, status 127 */
START_TEST(spawn_failed_is_an_exit)
{
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	svc_start(&s);
	action_is(svc_spawn_failed(&s, 5000), ACT_WAIT, 0, 100, true);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
	ck_assert_int_eq(s.last_status, SVC_SPAWN_FAILED_STATUS);
	ck_assert_int_eq(s.last_status, exited(127));
	ck_assert_uint_eq(s.last_ran_ms, 0);
	ck_assert_uint_eq(s.streak, 1);
	/* The next failure waits longer: it ran 0 ms, never stable. */
	ck_assert_int_eq(svc_timer(&s).act, ACT_QUEUE);
	action_is(svc_spawn_failed(&s, 5100), ACT_WAIT, 0, 200, true);
	ck_assert_uint_eq(s.streak, 2);
	ck_assert_uint_eq(s.restarts, 0);

	svc_init(&s, fixture_conf("web", RESTART_NEVER));
	svc_start(&s);
	action_is(svc_spawn_failed(&s, 5000), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	the_conf.backoff.max_restarts = 1;
	svc_start(&s);
	ck_assert_int_eq(svc_spawn_failed(&s, 10).act, ACT_WAIT);
	svc_timer(&s);
	action_is(svc_spawn_failed(&s, 20), ACT_GIVE_UP, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_FAILED);
}
END_TEST

/* starting, running | exit, group left | stop signal to group | stopping */
START_TEST(exit_with_group_left_stops_group)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	the_conf.stop_signal = SIGQUIT;
	the_conf.stop_timeout_ms = 2500;
	action_is(svc_exited(&s, exited(1), 1300, true, false), ACT_SIGNAL,
	    SIGQUIT, 2500, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.pgid, PID);
	ck_assert(s.signalled);
	ck_assert(svc_active(&s));
	ck_assert_int_eq(s.last_status, exited(1));
	ck_assert_int_eq(s.after, AFTER_RESPAWN);
	/* The group empties: the decision taken at the exit applies. */
	action_is(svc_drained(&s), ACT_WAIT, 0, 100, true);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert_uint_eq(s.streak, 1);
	ck_assert(!svc_active(&s));
	/* The next run may exit on failure: no trace of our signal. */
	svc_timer(&s);
	svc_spawned(&s, PID + 1, 2000);
	ck_assert(!s.signalled);
	ck_assert_uint_eq(s.restarts, 1);
}
END_TEST

START_TEST(exit_with_group_left_then_stop_or_give_up)
{
	struct svc s = fixture_running("web", RESTART_NEVER, 1000);

	action_is(svc_exited(&s, exited(0), 1300, true, false), ACT_SIGNAL,
	    SIGTERM, 10000, false);
	action_is(svc_drained(&s), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);

	s = fixture_running("web", RESTART_ALWAYS, 1000);
	the_conf.backoff.max_restarts = 2;
	s.streak = 2;
	action_is(svc_exited(&s, exited(1), 1300, true, false), ACT_SIGNAL,
	    SIGTERM, 10000, false);
	action_is(svc_drained(&s), ACT_GIVE_UP, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_FAILED);

	/* Shutting down: the leftovers are stopped, nothing restarts. */
	s = fixture_running("web", RESTART_ALWAYS, 1000);
	the_conf.backoff.max_restarts = 0;
	action_is(svc_exited(&s, exited(1), 1300, true, true), ACT_SIGNAL,
	    SIGTERM, 10000, false);
	action_is(svc_drained(&s), ACT_DONE, 0, 0, false);
}
END_TEST

START_TEST(exit_with_group_left_process_mode)
{
	/* kill_mode process: no group of ours to stop. */
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	the_conf.kill_mode = KILL_PROCESS;
	svc_start(&s);
	svc_spawned(&s, PID, 1000);
	action_is(svc_exited(&s, exited(1), 1300, true, false), ACT_WAIT, 0,
	    100, true);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
}
END_TEST

/* running | stop | stop signal, timeout | stopping */
START_TEST(stop_running_signals)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	action_is(svc_stop(&s, AFTER_STOP, 0), ACT_SIGNAL, SIGTERM, 10000,
	    false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert_int_eq(s.after, AFTER_STOP);
	ck_assert(s.signalled);
	ck_assert(!s.killed);
	ck_assert_int_eq(s.pid, PID);
	ck_assert_int_eq(s.pgid, PID);

	s = fixture_running("web", RESTART_ALWAYS, 1000);
	the_conf.stop_signal = SIGINT;
	the_conf.stop_timeout_ms = 1234;
	action_is(svc_stop(&s, AFTER_START, 0), ACT_SIGNAL, SIGINT, 1234,
	    false);
	ck_assert_int_eq(s.after, AFTER_START);
}
END_TEST

START_TEST(stop_running_signo_override)
{
	/* Shutdown passes on the signal respawnd received (container use). */
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	action_is(svc_stop(&s, AFTER_REMOVE, SIGHUP), ACT_SIGNAL, SIGHUP, 10000,
	    false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert_int_eq(s.after, AFTER_REMOVE);
}
END_TEST

/* stopping | exit (group empty) | what the stop was for */
START_TEST(stopping_exit_applies_after)
{
	struct svc s = fixture_stopping("web", AFTER_STOP);

	/* Killed by our signal, restart = always: still no restart. */
	action_is(svc_exited(&s, killed_by(SIGTERM), 1500, false, false),
	    ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert_int_eq(s.last_status, killed_by(SIGTERM));
	ck_assert_uint_eq(s.streak, 0);

	s = fixture_stopping("web", AFTER_START);
	s.streak = 5;
	action_is(svc_exited(&s, exited(0), 1500, false, false), ACT_QUEUE, 0,
	    0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert(!s.respawning);
	svc_spawned(&s, PID + 1, 1600);
	ck_assert_uint_eq(s.restarts, 0);
	ck_assert_uint_eq(s.definition, UINT64_C(0xfeedfacecafe));

	s = fixture_stopping("web", AFTER_REMOVE);
	action_is(svc_exited(&s, exited(0), 1500, false, false), ACT_DONE, 0, 0,
	    false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.after, AFTER_REMOVE);
}
END_TEST

START_TEST(stopping_exit_waits_for_group)
{
	struct svc s = fixture_stopping("web", AFTER_STOP);

	action_is(svc_exited(&s, killed_by(SIGTERM), 1500, true, false),
	    ACT_NONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert_int_eq(s.pid, 0);
	ck_assert_int_eq(s.pgid, PID);
	ck_assert_int_eq(s.last_status, killed_by(SIGTERM));
	ck_assert(svc_active(&s));
	/* stopping | drained | what the stop was for */
	action_is(svc_drained(&s), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert(!svc_active(&s));
}
END_TEST

START_TEST(stop_while_stopping_changes_after)
{
	struct svc s = fixture_stopping("web", AFTER_STOP);
	struct svc before;

	memcpy(&before, &s, sizeof(s));
	/* No second signal: only what follows the stop changes. */
	action_is(svc_stop(&s, AFTER_START, SIGKILL), ACT_NONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert_int_eq(s.after, AFTER_START);
	ck_assert_int_eq(s.pid, before.pid);
	ck_assert_int_eq(s.killed, before.killed);
	action_is(svc_exited(&s, exited(0), 2000, false, false), ACT_QUEUE, 0,
	    0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
}
END_TEST

/* starting, backoff, stopped, failed | stop | what the stop is for */
START_TEST(stop_starting)
{
	struct svc s;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	svc_start(&s);
	action_is(svc_stop(&s, AFTER_STOP, 0), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);

	svc_start(&s);
	action_is(svc_stop(&s, AFTER_REMOVE, 0), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.after, AFTER_REMOVE);

	/* A respawn waiting in the queue becomes a fresh start. */
	s = fixture_running("web", RESTART_ALWAYS, 1000);
	the_conf.backoff.delay_ms = 0;
	ck_assert_int_eq(svc_exited(&s, exited(1), 1100, false, false).act,
	    ACT_QUEUE);
	ck_assert(s.respawning);
	action_is(svc_stop(&s, AFTER_START, 0), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert(!s.respawning);
}
END_TEST

START_TEST(stop_backoff)
{
	struct svc s = fixture_backoff("web");

	action_is(svc_stop(&s, AFTER_STOP, 0), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);

	s = fixture_backoff("web");
	action_is(svc_stop(&s, AFTER_START, 0), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_uint_eq(s.streak, 0);
	ck_assert(!s.respawning);
	svc_spawned(&s, PID, 9000);
	ck_assert_uint_eq(s.restarts, 0);

	s = fixture_backoff("web");
	action_is(svc_stop(&s, AFTER_REMOVE, 0), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.after, AFTER_REMOVE);
}
END_TEST

START_TEST(stop_stopped)
{
	struct svc s, before;

	svc_init(&s, fixture_conf("web", RESTART_ALWAYS));
	memcpy(&before, &s, sizeof(s));
	action_is(svc_stop(&s, AFTER_STOP, 0), ACT_NONE, 0, 0, false);
	ck_assert(memcmp(&s, &before, sizeof(s)) == 0);

	action_is(svc_stop(&s, AFTER_START, 0), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);

	svc_init(&s, &the_conf);
	action_is(svc_stop(&s, AFTER_REMOVE, 0), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert_int_eq(s.after, AFTER_REMOVE);
}
END_TEST

START_TEST(stop_failed)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000), before;

	the_conf.backoff.max_restarts = 1;
	s.streak = 1;
	ck_assert_int_eq(svc_exited(&s, exited(1), 1001, false, false).act,
	    ACT_GIVE_UP);
	memcpy(&before, &s, sizeof(s));
	/* A failed service stays failed through a plain stop... */
	action_is(svc_stop(&s, AFTER_STOP, 0), ACT_NONE, 0, 0, false);
	ck_assert(memcmp(&s, &before, sizeof(s)) == 0);
	ck_assert_int_eq(s.state, SVC_FAILED);
	/* ...starts afresh for a changed definition... */
	action_is(svc_stop(&s, AFTER_START, 0), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_uint_eq(s.streak, 0);
	/* ...and goes away when removed. */
	memcpy(&s, &before, sizeof(s));
	action_is(svc_stop(&s, AFTER_REMOVE, 0), ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
}
END_TEST

/* stopping | timer | SIGKILL, timeout again | stopping */
START_TEST(stopping_timer_kills)
{
	struct svc s = fixture_stopping("web", AFTER_STOP);

	the_conf.stop_timeout_ms = 3000;
	action_is(svc_timer(&s), ACT_SIGNAL, SIGKILL, 3000, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert(s.killed);
	ck_assert_int_eq(s.pid, PID);
	/* Still there after SIGKILL (uninterruptible sleep): again. */
	action_is(svc_timer(&s), ACT_SIGNAL, SIGKILL, 3000, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	action_is(svc_exited(&s, killed_by(SIGKILL), 9000, false, false),
	    ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
	ck_assert(!s.killed);
}
END_TEST

/* stopping | timer after SIGKILL, main gone | give the group up */
START_TEST(stopping_timer_gives_group_up)
{
	struct svc s = fixture_stopping("web", AFTER_START);

	ck_assert_int_eq(svc_exited(&s, exited(0), 1500, true, false).act,
	    ACT_NONE);
	ck_assert_int_eq(s.pid, 0);
	/* First timer: the group still lives, SIGKILL it. */
	action_is(svc_timer(&s), ACT_SIGNAL, SIGKILL, 10000, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert(s.killed);
	/* Second: SIGKILL was sent and the main process is gone. */
	action_is(svc_timer(&s), ACT_QUEUE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STARTING);
	ck_assert_int_eq(s.pgid, 0);
	ck_assert(!s.killed);

	/* The same after a main exit that left its group (restart). */
	s = fixture_running("web", RESTART_ALWAYS, 1000);
	svc_exited(&s, exited(1), 1500, true, false);
	ck_assert_int_eq(svc_timer(&s).signo, SIGKILL);
	action_is(svc_timer(&s), ACT_WAIT, 0, 100, true);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
}
END_TEST

/* running, stopping | kill | SIGKILL | stopping */
START_TEST(kill_running)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 1000);

	action_is(svc_kill(&s), ACT_SIGNAL, SIGKILL, 10000, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	ck_assert_int_eq(s.after, AFTER_STOP);
	ck_assert(s.signalled);
	ck_assert(s.killed);
	ck_assert_int_eq(s.pid, PID);
	action_is(svc_exited(&s, killed_by(SIGKILL), 1100, false, false),
	    ACT_DONE, 0, 0, false);
	ck_assert_int_eq(s.state, SVC_STOPPED);
}
END_TEST

START_TEST(kill_stopping)
{
	struct svc s = fixture_stopping("web", AFTER_REMOVE);

	action_is(svc_kill(&s), ACT_SIGNAL, SIGKILL, 10000, false);
	ck_assert_int_eq(s.state, SVC_STOPPING);
	/* The stop keeps its purpose. */
	ck_assert_int_eq(s.after, AFTER_REMOVE);
	ck_assert(s.killed);
}
END_TEST

START_TEST(restarts_counts_respawns_only)
{
	struct svc s = fixture_running("web", RESTART_ALWAYS, 0);

	ck_assert_uint_eq(s.restarts, 0);
	/* Respawn after a backoff wait. */
	svc_exited(&s, exited(1), 100, false, false);
	svc_timer(&s);
	svc_spawned(&s, PID, 300);
	ck_assert_uint_eq(s.restarts, 1);
	/* A restart for a new definition is a start, not a respawn. */
	svc_stop(&s, AFTER_START, 0);
	svc_exited(&s, killed_by(SIGTERM), 400, false, false);
	svc_spawned(&s, PID, 500);
	ck_assert_uint_eq(s.restarts, 1);
	/* Stopped by hand while waiting, then started: no respawn. */
	svc_exited(&s, exited(1), 600, false, false);
	ck_assert_int_eq(s.state, SVC_BACKOFF);
	svc_stop(&s, AFTER_STOP, 0);
	svc_start(&s);
	svc_spawned(&s, PID, 700);
	ck_assert_uint_eq(s.restarts, 1);
	/* A spawn that failed is no respawn either. */
	svc_exited(&s, exited(1), 800, false, false);
	svc_timer(&s);
	svc_spawn_failed(&s, 900);
	ck_assert_uint_eq(s.restarts, 1);
	svc_timer(&s);
	svc_spawned(&s, PID, 1500);
	ck_assert_uint_eq(s.restarts, 2);
}
END_TEST

/* Call event E on S; 0..7 as below. */
static struct svc_action
event(struct svc *s, int e)
{
	switch (e) {
	case 0:
		return svc_start(s);
	case 1:
		return svc_spawned(s, PID + 7, 99999);
	case 2:
		return svc_exited(s, exited(1), 99999, false, false);
	case 3:
		return svc_spawn_failed(s, 99999);
	case 4:
		return svc_drained(s);
	case 5:
		return svc_timer(s);
	case 6:
		return svc_kill(s);
	default:
		return svc_exited(s, exited(1), 99999, true, false);
	}
}

static const char *const event_names[] = {
	"start", "spawned", "exit", "spawn failed", "drained", "timer", "kill",
	"exit (group left)",
};

START_TEST(impossible_events_change_nothing)
{
	/* For each state, the events that cannot happen in it. */
	static const struct {
		enum svc_state state;
		int events[8];
	} cases[] = {
		{ SVC_STOPPED, { 1, 2, 3, 4, 5, 6, 7, -1 } },
		{ SVC_STARTING, { 0, 4, 5, 6, -1 } },
		{ SVC_RUNNING, { 0, 1, 3, 4, 5, -1 } },
		{ SVC_BACKOFF, { 0, 1, 2, 3, 4, 6, 7, -1 } },
		{ SVC_STOPPING, { 0, 1, 3, 4, -1 } },	/* drained: pid alive */
		{ SVC_FAILED, { 1, 2, 3, 4, 5, 6, 7, -1 } },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (const int *e = cases[i].events; *e >= 0; e++) {
			struct svc s, before;
			struct svc_action a;

			switch (cases[i].state) {
			case SVC_STOPPED:
				svc_init(&s, fixture_conf("web",
				    RESTART_ALWAYS));
				break;
			case SVC_STARTING:
				svc_init(&s, fixture_conf("web",
				    RESTART_ALWAYS));
				svc_start(&s);
				break;
			case SVC_RUNNING:
				s = fixture_running("web", RESTART_ALWAYS,
				    1000);
				break;
			case SVC_BACKOFF:
				s = fixture_backoff("web");
				break;
			case SVC_STOPPING:
				s = fixture_stopping("web", AFTER_STOP);
				break;
			case SVC_FAILED:
				s = fixture_running("web", RESTART_ALWAYS,
				    1000);
				the_conf.backoff.max_restarts = 1;
				s.streak = 1;
				svc_exited(&s, exited(1), 1001, false, false);
				break;
			default:
				ck_abort_msg("no fixture for state %d",
				    cases[i].state);
			}
			ck_assert_int_eq(s.state, cases[i].state);
			memcpy(&before, &s, sizeof(s));
			a = event(&s, *e);
			ck_assert_msg(a.act == ACT_NONE, "%s in %s: action %d",
			    event_names[*e], svc_state_name(cases[i].state),
			    a.act);
			ck_assert_msg(memcmp(&s, &before, sizeof(s)) == 0,
			    "%s in %s changed the service", event_names[*e],
			    svc_state_name(cases[i].state));
		}
	}
}
END_TEST

Suite *
svc_suite(void)
{
	Suite *s = suite_create("svc");
	TCase *tc = tcase_create("svc");

	tcase_add_test(tc, init_is_stopped);
	tcase_add_test(tc, state_names);
	tcase_add_test(tc, start_from_stopped);
	tcase_add_test(tc, start_from_failed);
	tcase_add_test(tc, spawned_notes_pid_and_time);
	tcase_add_test(tc, spawned_process_mode_has_no_group);
	tcase_add_test(tc, exit_restart_wanted_backs_off);
	tcase_add_test(tc, backoff_timer_queues);
	tcase_add_test(tc, streak_of_short_runs_doubles);
	tcase_add_test(tc, stable_run_resets_streak);
	tcase_add_test(tc, give_up_after_max_restarts);
	tcase_add_test(tc, exit_no_restart_stops);
	tcase_add_test(tc, exit_during_shutdown_never_restarts);
	tcase_add_test(tc, restart_wanted_matrix);
	tcase_add_test(tc, restart_wanted_unknown_status);
	tcase_add_test(tc, on_failure_exit_through_machine);
	tcase_add_test(tc, zero_delay_queues_at_once);
	tcase_add_test(tc, spawn_failed_is_an_exit);
	tcase_add_test(tc, exit_with_group_left_stops_group);
	tcase_add_test(tc, exit_with_group_left_then_stop_or_give_up);
	tcase_add_test(tc, exit_with_group_left_process_mode);
	tcase_add_test(tc, stop_running_signals);
	tcase_add_test(tc, stop_running_signo_override);
	tcase_add_test(tc, stopping_exit_applies_after);
	tcase_add_test(tc, stopping_exit_waits_for_group);
	tcase_add_test(tc, stop_while_stopping_changes_after);
	tcase_add_test(tc, stop_starting);
	tcase_add_test(tc, stop_backoff);
	tcase_add_test(tc, stop_stopped);
	tcase_add_test(tc, stop_failed);
	tcase_add_test(tc, stopping_timer_kills);
	tcase_add_test(tc, stopping_timer_gives_group_up);
	tcase_add_test(tc, kill_running);
	tcase_add_test(tc, kill_stopping);
	tcase_add_test(tc, restarts_counts_respawns_only);
	tcase_add_test(tc, impossible_events_change_nothing);
	suite_add_tcase(s, tc);
	return s;
}

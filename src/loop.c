/*
 * loop.c: all of libev. One default loop; signals arrive through
 * signalfd (EVFLAG_SIGNALFD), so no code of ours runs in signal context;
 * libev reaps every child (waitpid(-1, WNOHANG) until none is left) and
 * hands each to the one ev_child watcher on pid 0; the timer wheel arms a
 * single ev_timer for its earliest deadline; the spawn queue is served
 * once per iteration, before libev blocks. Nothing here wakes up on its
 * own: with nothing due, libev sleeps until a signal or a pipe says so.
 */
#include "loop.h"

#include <errno.h>
#include <ev.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "outlog.h"
#include "reexec.h"
#include "sup.h"
#include "wheel.h"

struct loop_fd {
	ev_io io;
	void (*cb)(void *arg);
	void *arg;
};

static struct ev_loop *loop;
static ev_child child_watcher;
static ev_timer wheel_timer;
static ev_prepare before_sleep;
static ev_idle keep_awake;
static ev_periodic jump_detector;
static ev_signal signal_watchers[NSIG];
static uint64_t armed_deadline = WHEEL_NONE;
static int changed_signals[NSIG];
static int nchanged;
static bool forwarded[NSIG];		/* passed on to the main service */
static volatile sig_atomic_t handler_pending[NSIG];
static ev_async forward_async;

uint64_t
loop_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
on_child(EV_P_ ev_child *w, int revents)
{
	(void)EV_A;
	(void)revents;
	/* libev asks for stops and continues too; only deaths matter. */
	if (WIFSTOPPED(w->rstatus) || WIFCONTINUED(w->rstatus))
		return;
	sup_reaped(w->rpid, w->rstatus, loop_clock_ms());
}

static void
on_wheel_timer(EV_P_ ev_timer *w, int revents)
{
	(void)EV_A;
	(void)w;
	(void)revents;
	armed_deadline = WHEEL_NONE;
	sup_timers(loop_clock_ms());
}

static void
on_signal(EV_P_ ev_signal *w, int revents)
{
	int signo = w->signum;
	uint64_t now = loop_clock_ms();

	(void)EV_A;
	(void)revents;
	/* TERM and INT always mean shutdown; it tells the main service. */
	if (forwarded[signo]) {
		sup_signal_main(signo);
		return;
	}
	switch (signo) {
	case SIGHUP:
		reexec_request(now);
		break;
	case SIGTERM:
	case SIGINT:
		sup_shutdown(signo, now);
		break;
	case SIGUSR1:
		if (reexec_test_abort())
			abort();	/* the crash-recovery test's fault */
		sup_log_status(now);
		break;
	case SIGUSR2:
		log_msg(LL_INFO, "SIGUSR2: reopening output files");
		outlog_reopen_all();
		break;
	default:
		break;
	}
}

static void
rearm_wheel_timer(uint64_t now)
{
	uint64_t next = sup_next_deadline();

	if (next == armed_deadline)
		return;
	armed_deadline = next;
	if (next == WHEEL_NONE) {
		ev_timer_stop(loop, &wheel_timer);
		return;
	}
	/*
	 * libev counts from its cached time, which may lag our clock: the
	 * timer may fire a little early, and then sup_timers() finds nothing
	 * due and we come back here. Never late, never early in effect.
	 */
	ev_timer_stop(loop, &wheel_timer);
	ev_timer_set(&wheel_timer, next > now ? (double)(next - now) / 1e3 :
	    0., 0.);
	ev_timer_start(loop, &wheel_timer);
}

static void
on_before_sleep(EV_P_ ev_prepare *w, int revents)
{
	uint64_t now = loop_clock_ms();

	(void)w;
	(void)revents;
	sup_spawn_some(now);
	reexec_before_sleep(now);
	if (sup_finished()) {
		ev_break(EV_A_ EVBREAK_ALL);
		return;
	}
	/* More to spawn: poll, but do not block, so exits come in first. */
	if (sup_spawn_pending())
		ev_idle_start(EV_A_ &keep_awake);
	else
		ev_idle_stop(EV_A_ &keep_awake);
	rearm_wheel_timer(now);
}

static void
on_idle(EV_P_ ev_idle *w, int revents)
{
	(void)EV_A;
	(void)w;
	(void)revents;
}

static void
on_fd(EV_P_ ev_io *w, int revents)
{
	struct loop_fd *f = (struct loop_fd *)w;

	(void)EV_A;
	(void)revents;
	f->cb(f->arg);
}

static void
on_jump(EV_P_ ev_periodic *w, int revents)
{
	(void)EV_A;
	(void)w;
	(void)revents;
}

static void
note_changed(int signo)
{
	for (int i = 0; i < nchanged; i++)
		if (changed_signals[i] == signo)
			return;
	changed_signals[nchanged++] = signo;
}

static void
watch_signal(int signo)
{
	struct sigaction dfl = { .sa_handler = SIG_DFL };

	if (ev_is_active(&signal_watchers[signo]))
		return;
	/*
	 * signalfd only sees a signal that is not ignored, and a shell starts
	 * background commands with INT and QUIT ignored. The signal is
	 * blocked from here on, so its default action never runs.
	 */
	ev_signal_init(&signal_watchers[signo], on_signal, signo);
	ev_signal_start(loop, &signal_watchers[signo]);
	sigaction(signo, &dfl, NULL);
	note_changed(signo);
}

/*
 * Signals that may mean a fault of respawnd itself. They cannot be
 * blocked for signalfd (a fault with its signal blocked kills at once),
 * so reexec.c's handler takes them, tells a fault from a kill(2), and
 * passes the latter on through loop_forward_from_handler().
 */
static bool
is_fault_signal(int signo)
{
	return signo == SIGSEGV || signo == SIGBUS || signo == SIGFPE ||
	    signo == SIGILL || signo == SIGABRT || signo == SIGTRAP ||
	    signo == SIGSYS || signo == SIGPIPE;
}

static void
add_forward(int signo)
{
	forwarded[signo] = true;
	if (!is_fault_signal(signo))
		watch_signal(signo);
}

static void
on_forward_async(EV_P_ ev_async *w, int revents)
{
	(void)EV_A;
	(void)w;
	(void)revents;
	for (int signo = 1; signo < NSIG; signo++) {
		if (handler_pending[signo]) {
			handler_pending[signo] = 0;
			sup_signal_main(signo);
		}
	}
}

bool
loop_forwards(int signo)
{
	return signo > 0 && signo < NSIG && forwarded[signo];
}

void
loop_forward_from_handler(int signo)
{
	handler_pending[signo] = 1;
	ev_async_send(loop, &forward_async);
}

int
loop_init(const int *forward, int nforward, bool pass_all)
{
	static const int handled[] = { SIGHUP, SIGTERM, SIGINT, SIGUSR1,
	    SIGUSR2 };
	struct sigaction ign = { .sa_handler = SIG_IGN };

	loop = ev_default_loop(EVFLAG_SIGNALFD);
	if (loop == NULL) {
		errno = ENOSYS;
		return -1;
	}
	/*
	 * Services get default dispositions, even of what we inherited
	 * ignored (SPEC.md): note those for spawn.c to reset. glibc hides
	 * its own signals 32 and 33 from sigaction(), and some parents (GNU
	 * make) leave them ignored, so ask the kernel. Its struct sigaction
	 * starts with the handler on every architecture we build for.
	 */
	for (int signo = 1; signo < NSIG; signo++) {
		union {
			void *handler;
			char raw[64];
		} old = { 0 };

		if (signo == SIGKILL || signo == SIGSTOP)
			continue;
		if (syscall(SYS_rt_sigaction, signo, NULL, &old,
		    sizeof(sigset_t) > 8 ? 8 : sizeof(sigset_t)) == 0 &&
		    old.handler == (void *)SIG_IGN)
			note_changed(signo);
	}
	for (size_t i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		watch_signal(handled[i]);
	for (int i = 0; i < nforward; i++)
		add_forward(forward[i]);
	/*
	 * The "--" form passes on every catchable signal but CHLD (TERM and
	 * INT reach the main service through the shutdown), except the two
	 * real-time signals glibc keeps for itself and lets nobody block.
	 */
	for (int signo = 1; pass_all && signo < NSIG; signo++) {
		if (signo != SIGKILL && signo != SIGSTOP && signo != SIGCHLD &&
		    signo != SIGTERM && signo != SIGINT &&
		    !(signo > SIGSYS && signo < SIGRTMIN))
			add_forward(signo);
	}
	/* A write to a closed pipe is an error return, not our death (the
	 * fault handler of reexec.c takes over a passed-on PIPE). */
	sigaction(SIGPIPE, &ign, NULL);
	note_changed(SIGPIPE);
	/* Job control never stops respawnd itself: these are ignored, or
	 * blocked and passed on. */
	for (int signo = SIGTSTP; signo <= SIGTTOU; signo++) {
		if (!forwarded[signo])
			sigaction(signo, &ign, NULL);
		note_changed(signo);
	}
	ev_async_init(&forward_async, on_forward_async);
	ev_async_start(loop, &forward_async);
	ev_unref(loop);

	ev_child_init(&child_watcher, on_child, 0, 0);
	ev_child_start(loop, &child_watcher);
	ev_init(&wheel_timer, on_wheel_timer);
	ev_prepare_init(&before_sleep, on_before_sleep);
	ev_prepare_start(loop, &before_sleep);
	ev_idle_init(&keep_awake, on_idle);
	/*
	 * libev wakes up every minute to notice clock jumps, unless it has a
	 * timerfd to tell it, which it sets up for the first periodic. One that
	 * never fires buys an idle loop that really sleeps.
	 */
	ev_periodic_init(&jump_detector, on_jump, 0., 365. * 24 * 3600, 0);
	ev_periodic_start(loop, &jump_detector);
	ev_unref(loop);
	return 0;
}

void
loop_run(void)
{
	ev_run(loop, 0);
}

const int *
loop_changed_signals(int *count)
{
	*count = nchanged;
	return changed_signals;
}

struct loop_fd *
loop_fd_watch(int fd, void (*cb)(void *arg), void *arg)
{
	struct loop_fd *f = malloc(sizeof(*f));

	if (f == NULL)
		return NULL;
	f->cb = cb;
	f->arg = arg;
	ev_io_init(&f->io, on_fd, fd, EV_READ);
	ev_io_start(loop, &f->io);
	return f;
}

void
loop_fd_unwatch(struct loop_fd *f)
{
	if (f == NULL)
		return;
	ev_io_stop(loop, &f->io);
	free(f);
}


void
loop_reap_now(void)
{
	ev_feed_signal_event(loop, SIGCHLD);
}

void
loop_unblock_others(void)
{
	sigset_t set;

	/*
	 * An older image blocked every signal across its exec, so none was
	 * lost; the mask survives exec. Keep blocked only what signalfd
	 * delivers: a fault signal left blocked would kill at the fault
	 * instead of reaching the crash handler.
	 */
	sigfillset(&set);
	for (int signo = 1; signo < NSIG; signo++)
		if (ev_is_active(&signal_watchers[signo]) || signo == SIGCHLD)
			sigdelset(&set, signo);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

/*
 * check_conf.c: conf_load() on configuration text written to a temporary
 * file, the way respawnd reads it: through inih and conf.c's own line
 * reader. Errors are collected as "LINE: message" and compared in full,
 * because SPEC.md promises FILE:LINE for each one and every one of them,
 * not just the first. The process environment and working directory are
 * never used: conf_opts carries small ones of our own.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "respawnd.h"
#include "unit.h"

#define MAX_REPORTS	64
#define TMP_TEMPLATE	"/tmp/respawnd-check-conf-XXXXXX"
/* mkstemp() puts the file in /tmp: relative paths start here. */
#define CONF_DIR	"/tmp"
/* Not where relative paths may start: a cwd that does not exist. */
#define CWD		"/nonexistent/cwd"

static struct {
	int n;
	char text[MAX_REPORTS][768];
} reports;

static char conf_path[sizeof(TMP_TEMPLATE)];

static char *base_env[] = {
	"PATH=/opt/bin:/bin",
	"HOME=/root",
	"LANG=C",
	NULL,
};

static void
collect(void *arg, const char *file, int line, const char *message)
{
	(void)arg;
	/* FILE as given to conf_load(), for every message. */
	ck_assert_str_eq(file, conf_path[0] != '\0' ? conf_path : "respawnd");
	ck_assert_int_lt(reports.n, MAX_REPORTS);
	snprintf(reports.text[reports.n++], sizeof(reports.text[0]), "%d: %s",
	    line, message);
}

static struct conf_opts
default_opts(void)
{
	return (struct conf_opts){
		.environ = base_env,
		.cwd = CWD,
		.uid = 1000,
		.pid = 4242,
		.report = collect,
	};
}

/* Write TEXT to a fresh file in /tmp, load it with OPTS, remove it. */
static struct conf *
load_with(const char *text, const struct conf_opts *opts)
{
	struct conf *conf;
	size_t len = strlen(text);
	int fd;

	reports.n = 0;
	strcpy(conf_path, TMP_TEMPLATE);
	fd = mkstemp(conf_path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(close(fd), 0);
	conf = conf_load(conf_path, opts);
	unlink(conf_path);
	return conf;
}

static struct conf *
load(const char *text)
{
	struct conf_opts opts = default_opts();

	return load_with(text, &opts);
}

static void
print_reports(void)
{
	for (int i = 0; i < reports.n; i++)
		fprintf(stderr, "  report: %s\n", reports.text[i]);
}

/* Exactly the reports WANT (NULL-terminated), in any order. */
static void
reports_are(const char *const *want)
{
	int n = 0;

	while (want[n] != NULL)
		n++;
	if (reports.n != n)
		print_reports();
	ck_assert_msg(reports.n == n, "%d reports, expected %d (first: %s)",
	    reports.n, n, reports.n > 0 ? reports.text[0] : "none");
	for (int i = 0; i < n; i++) {
		bool found = false;

		for (int j = 0; j < reports.n && !found; j++)
			found = strcmp(reports.text[j], want[i]) == 0;
		if (!found)
			print_reports();
		ck_assert_msg(found, "not reported: \"%s\"", want[i]);
	}
}

static struct conf *
load_ok(const char *text)
{
	static const char *const none[] = { NULL };
	struct conf *conf = load(text);

	reports_are(none);
	ck_assert_ptr_nonnull(conf);
	return conf;
}

/* TEXT is rejected with exactly the reports that follow (then NULL). */
static void
load_fails(const char *text, ...)
{
	const char *want[MAX_REPORTS + 1];
	int n = 0;
	va_list ap;
	struct conf *conf;

	va_start(ap, text);
	while ((want[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	conf = load(text);
	reports_are(want);
	ck_assert_ptr_null(conf);
}

/* One line added to a valid service, at line 3. */
static void
service_line_fails(const char *line, const char *report)
{
	char text[1024];

	snprintf(text, sizeof(text), "[service:a]\ncommand = /bin/true\n%s\n",
	    line);
	load_fails(text, report, NULL);
}

/* One line in [respawnd] (line 2) before a valid service. */
static void
daemon_line_fails(const char *line, const char *report)
{
	char text[1024];

	snprintf(text, sizeof(text), "[respawnd]\n%s\n[service:web]\n"
	    "command = /bin/true\n", line);
	load_fails(text, report, NULL);
}

static const struct svc_conf *
find(const struct conf *conf, const char *name)
{
	const struct svc_conf *c = conf_find(conf, name);

	ck_assert_msg(c != NULL, "no service '%s'", name);
	return c;
}

static size_t
vector_len(char *const *v)
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

static bool
vector_has(char *const *v, const char *s)
{
	for (; v != NULL && *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return true;
	return false;
}

/* ---- values and defaults ---- */

START_TEST(service_defaults)
{
	struct conf *conf = load_ok(
	    "[service:web]\n"
	    "command = /bin/true\n");
	const struct svc_conf *c;

	ck_assert_uint_eq(conf->nsvcs, 1);
	c = find(conf, "web");
	ck_assert_str_eq(c->name, "web");
	ck_assert_int_eq(c->line, 1);
	ck_assert_uint_eq(vector_len(c->argv), 1);
	ck_assert_str_eq(c->argv[0], "/bin/true");
	ck_assert_str_eq(c->exec_path, "/bin/true");
	ck_assert_str_eq(c->search_path, "/opt/bin:/bin");
	ck_assert_str_eq(c->directory, CONF_DIR);
	ck_assert_ptr_null(c->environment);
	ck_assert(!c->clear_environment);
	ck_assert_ptr_null(c->envp);
	ck_assert_ptr_null(c->user);
	ck_assert_ptr_null(c->group);
	ck_assert(!c->set_uid);
	ck_assert(!c->set_gid);
	ck_assert(!c->set_groups);
	ck_assert(!c->set_umask);
	ck_assert_int_eq(c->restart, RESTART_ALWAYS);
	for (int status = 0; status <= 255; status++)
		ck_assert_int_eq(exit_codes_has(c->success, status),
		    status == 0);
	ck_assert_uint_eq(c->backoff.delay_ms, 100);
	ck_assert_uint_eq(c->backoff.delay_max_ms, 30000);
	ck_assert_uint_eq(c->backoff.factor, 2);
	ck_assert_uint_eq(c->backoff.stable_after_ms, 10000);
	ck_assert_uint_eq(c->backoff.max_restarts, 0);
	ck_assert_int_eq(c->stop_signal, SIGTERM);
	ck_assert_uint_eq(c->stop_timeout_ms, 10000);
	ck_assert_int_eq(c->kill_mode, KILL_GROUP);
	ck_assert_int_eq(c->out.kind, OUT_INHERIT);
	ck_assert_ptr_null(c->out.path);
	ck_assert_int_eq(c->err.kind, OUT_INHERIT);
	ck_assert_ptr_null(c->err.path);
	ck_assert_int_eq(c->priority, 100);
	ck_assert(!c->is_main);
	ck_assert(!c->foreground);
	ck_assert_ptr_null(conf_find(conf, "nope"));
	conf_free(conf);
}
END_TEST

START_TEST(daemon_defaults)
{
	struct conf *conf = load_ok(
	    "[service:web]\n"
	    "command = /bin/true\n");

	ck_assert_str_eq(conf->path, conf_path);
	ck_assert_str_eq(conf->dir, CONF_DIR);
	ck_assert_str_eq(conf->state_file, "/tmp/respawnd-1000.state");
	ck_assert_ptr_null(conf->pid_file);
	ck_assert_int_eq(conf->log_target, LOG_TO_STDERR);
	ck_assert_int_eq(conf->log_level, LL_INFO);
	ck_assert_uint_eq(conf->shutdown_timeout_ms, 30000);
	ck_assert_uint_eq(conf->max_parallel_starts, 0);
	ck_assert_ptr_null(conf->main);
	ck_assert_int_eq(conf->nforward, 0);
	ck_assert(!conf->dash_form);
	conf_free(conf);
}
END_TEST

START_TEST(state_file_defaults)
{
	static const char text[] = "[service:web]\ncommand = /bin/true\n";
	static char *xdg_env[] = { "XDG_RUNTIME_DIR=/run/user/1000", NULL };
	struct conf_opts opts = default_opts();
	struct conf *conf;

	/* As root. */
	opts.uid = 0;
	conf = load_with(text, &opts);
	ck_assert_ptr_nonnull(conf);
	ck_assert_str_eq(conf->state_file, "/run/respawnd.state");
	conf_free(conf);
	/* Not root, with XDG_RUNTIME_DIR. */
	opts.uid = 1000;
	opts.environ = xdg_env;
	conf = load_with(text, &opts);
	ck_assert_ptr_nonnull(conf);
	ck_assert_str_eq(conf->state_file, "/run/user/1000/respawnd.state");
	conf_free(conf);
	/* -s overrides the file, relative to the working directory. */
	opts.state_file = "my.state";
	conf = load_with("[respawnd]\nstate_file = x.state\n", &opts);
	ck_assert_ptr_nonnull(conf);
	ck_assert_str_eq(conf->state_file, CWD "/my.state");
	conf_free(conf);
}
END_TEST

START_TEST(daemon_keys)
{
	struct conf *conf = load_ok(
	    "[respawnd]\n"
	    "state_file = /var/run/r.state\n"
	    "pid_file = /run/r.pid\n"
	    "log_target = syslog\n"
	    "log_level = debug\n"
	    "shutdown_timeout = 5m\n"
	    "max_parallel_starts = 4\n"
	    "main = web\n"
	    "forward_signals = WINCH USR2\n"
	    "[service:web]\n"
	    "command = /bin/true\n"
	    "[service:other]\n"
	    "command = /bin/true\n");

	ck_assert_str_eq(conf->state_file, "/var/run/r.state");
	ck_assert_str_eq(conf->pid_file, "/run/r.pid");
	ck_assert_int_eq(conf->log_target, LOG_TO_SYSLOG);
	ck_assert_int_eq(conf->log_level, LL_DEBUG);
	ck_assert_uint_eq(conf->shutdown_timeout_ms, 300000);
	ck_assert_uint_eq(conf->max_parallel_starts, 4);
	ck_assert_str_eq(conf->main, "web");
	ck_assert_int_eq(conf->nforward, 2);
	ck_assert_int_eq(conf->forward_signals[0], SIGWINCH);
	ck_assert_int_eq(conf->forward_signals[1], SIGUSR2);
	ck_assert(find(conf, "web")->is_main);
	ck_assert(!find(conf, "other")->is_main);
	ck_assert_int_eq(find(conf, "other")->line, 12);
	conf_free(conf);
}
END_TEST

START_TEST(log_levels)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };
	static const enum log_level levels[] = { LL_ERROR, LL_WARN, LL_INFO,
	    LL_DEBUG };

	for (int i = 0; i < 4; i++) {
		char text[128];
		struct conf *conf;

		snprintf(text, sizeof(text), "[respawnd]\nlog_level = %s\n"
		    "log_target = stderr\n", names[i]);
		conf = load_ok(text);
		ck_assert_int_eq(conf->log_level, levels[i]);
		ck_assert_int_eq(conf->log_target, LOG_TO_STDERR);
		conf_free(conf);
	}
}
END_TEST

START_TEST(service_keys)
{
	struct conf *conf = load_ok(
	    "[service:api]\n"
	    "command = bin/server --port 80 \"a b\"\n"
	    "directory = data\n"
	    "environment = A=1 \"B=two words\" PATH=/x/bin\n"
	    "clear_environment = no\n"
	    "user = root\n"
	    "group = daemon\n"
	    "umask = 027\n"
	    "restart = on-failure\n"
	    "success_exit_codes = 0 3\n"
	    "restart_delay = 250ms\n"
	    "restart_delay_max = 1m\n"
	    "backoff_factor = 3\n"
	    "stable_after = 1h\n"
	    "max_restarts = 5\n"
	    "stop_signal = SIGINT\n"
	    "stop_timeout = 2s\n"
	    "kill_mode = process\n"
	    "stdout = log/out.log\n"
	    "stderr = stdout\n"
	    "priority = -5\n");
	const struct svc_conf *c = find(conf, "api");

	ck_assert_uint_eq(vector_len(c->argv), 4);
	ck_assert_str_eq(c->argv[0], "bin/server");
	ck_assert_str_eq(c->argv[1], "--port");
	ck_assert_str_eq(c->argv[2], "80");
	ck_assert_str_eq(c->argv[3], "a b");
	ck_assert_str_eq(c->exec_path, CONF_DIR "/bin/server");
	ck_assert_str_eq(c->directory, CONF_DIR "/data");
	ck_assert_uint_eq(vector_len(c->environment), 3);
	ck_assert_str_eq(c->environment[0], "A=1");
	ck_assert_str_eq(c->environment[1], "B=two words");
	ck_assert_str_eq(c->environment[2], "PATH=/x/bin");
	ck_assert(!c->clear_environment);
	ck_assert_str_eq(c->search_path, "/x/bin");
	ck_assert_str_eq(c->user, "root");
	ck_assert_str_eq(c->group, "daemon");
	ck_assert(c->set_uid);
	ck_assert(c->set_gid);
	ck_assert_int_eq(c->uid, 0);
	ck_assert_int_eq(c->gid, 1);
	/* Not root: supplementary groups stay as they are. */
	ck_assert(!c->set_groups);
	ck_assert(c->set_umask);
	ck_assert_int_eq(c->umask, 027);
	ck_assert_int_eq(c->restart, RESTART_ON_FAILURE);
	for (int status = 0; status <= 255; status++)
		ck_assert_int_eq(exit_codes_has(c->success, status),
		    status == 0 || status == 3);
	ck_assert_uint_eq(c->backoff.delay_ms, 250);
	ck_assert_uint_eq(c->backoff.delay_max_ms, 60000);
	ck_assert_uint_eq(c->backoff.factor, 3);
	ck_assert_uint_eq(c->backoff.stable_after_ms, 3600000);
	ck_assert_uint_eq(c->backoff.max_restarts, 5);
	ck_assert_int_eq(c->stop_signal, SIGINT);
	ck_assert_uint_eq(c->stop_timeout_ms, 2000);
	ck_assert_int_eq(c->kill_mode, KILL_PROCESS);
	ck_assert_int_eq(c->out.kind, OUT_FILE);
	ck_assert_str_eq(c->out.path, CONF_DIR "/log/out.log");
	ck_assert_int_eq(c->err.kind, OUT_STDOUT);
	ck_assert_ptr_null(c->err.path);
	ck_assert_int_eq(c->priority, -5);
	conf_free(conf);
}
END_TEST

START_TEST(other_values)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "restart = never\n"
	    "kill_mode = group\n"
	    "stdout = null\n"
	    "stderr = /var/log/a.err\n"
	    "clear_environment = on\n"
	    "backoff_factor = 1\n"
	    "stop_signal = 9\n"
	    "restart_delay = 0\n"
	    "priority = +7\n"
	    "[service:b]\n"
	    "command = /bin/true\n"
	    "restart = always\n"
	    "stdout = inherit\n"
	    "stderr = inherit\n"
	    "backoff_factor = 10\n"
	    "stop_signal = rtmin+2\n"
	    "umask = 0\n");
	const struct svc_conf *a = find(conf, "a"), *b = find(conf, "b");

	ck_assert_int_eq(a->restart, RESTART_NEVER);
	ck_assert_int_eq(a->kill_mode, KILL_GROUP);
	ck_assert_int_eq(a->out.kind, OUT_NULL);
	ck_assert_ptr_null(a->out.path);
	ck_assert_int_eq(a->err.kind, OUT_FILE);
	ck_assert_str_eq(a->err.path, "/var/log/a.err");
	ck_assert(a->clear_environment);
	ck_assert_uint_eq(a->backoff.factor, 1);
	ck_assert_int_eq(a->stop_signal, SIGKILL);
	ck_assert_uint_eq(a->backoff.delay_ms, 0);
	ck_assert_int_eq(a->priority, 7);
	ck_assert(!a->set_umask);
	ck_assert_int_eq(b->restart, RESTART_ALWAYS);
	ck_assert_int_eq(b->out.kind, OUT_INHERIT);
	ck_assert_int_eq(b->err.kind, OUT_INHERIT);
	ck_assert_uint_eq(b->backoff.factor, 10);
	ck_assert_int_eq(b->stop_signal, SIGRTMIN + 2);
	ck_assert(b->set_umask);
	ck_assert_int_eq(b->umask, 0);
	conf_free(conf);
}
END_TEST

START_TEST(users_and_groups)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "user = daemon\n"
	    "[service:b]\n"
	    "command = /bin/true\n"
	    "user = 65534\n"
	    "[service:c]\n"
	    "command = /bin/true\n"
	    "user = 4000\n"
	    "group = 4001\n"
	    "[service:d]\n"
	    "command = /bin/true\n"
	    "group = daemon\n");
	const struct svc_conf *c;

	/* user alone: that user's uid and primary group. */
	c = find(conf, "a");
	ck_assert(c->set_uid && c->set_gid);
	ck_assert_int_eq(c->uid, 1);
	ck_assert_int_eq(c->gid, 1);
	ck_assert_str_eq(c->user, "daemon");
	ck_assert_ptr_null(c->group);
	/* A number with a passwd entry counts as that user. */
	c = find(conf, "b");
	ck_assert_int_eq(c->uid, 65534);
	ck_assert_int_eq(c->gid, 65534);
	/* Numbers without entries, both given. */
	c = find(conf, "c");
	ck_assert(c->set_uid && c->set_gid);
	ck_assert_int_eq(c->uid, 4000);
	ck_assert_int_eq(c->gid, 4001);
	/* group alone. */
	c = find(conf, "d");
	ck_assert(!c->set_uid);
	ck_assert(c->set_gid);
	ck_assert_int_eq(c->gid, 1);
	ck_assert_ptr_null(c->user);
	ck_assert_str_eq(c->group, "daemon");
	ck_assert(!c->set_groups);
	conf_free(conf);
}
END_TEST

START_TEST(supplementary_groups_as_root)
{
	struct conf_opts opts = default_opts();
	struct conf *conf;
	const struct svc_conf *c;
	bool has_primary = false;

	opts.uid = 0;
	conf = load_with(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "user = daemon\n"
	    "[service:b]\n"
	    "command = /bin/true\n"
	    "group = 4001\n", &opts);
	reports_are((const char *const[]){ NULL });
	ck_assert_ptr_nonnull(conf);
	c = find(conf, "a");
	ck_assert(c->set_groups);
	ck_assert_uint_ge(c->ngroups, 1);
	for (size_t i = 0; i < c->ngroups; i++)
		has_primary |= c->groups[i] == 1;
	ck_assert(has_primary);
	/* Without a user, the group is the only one. */
	c = find(conf, "b");
	ck_assert(c->set_groups);
	ck_assert_uint_eq(c->ngroups, 1);
	ck_assert_int_eq(c->groups[0], 4001);
	conf_free(conf);
}
END_TEST

START_TEST(relative_paths)
{
	/* Relative to the file's directory, whatever directory says, and
	 * never to the working directory. */
	struct conf *conf = load_ok(
	    "[respawnd]\n"
	    "state_file = st/x.state\n"
	    "pid_file = x.pid\n"
	    "[service:a]\n"
	    "command = bin/a -x\n"
	    "directory = work\n"
	    "stdout = out.log\n"
	    "stderr = logs/err.log\n"
	    "[service:b]\n"
	    "command = sleep 1\n"
	    "directory = /srv\n"
	    "stdout = logs/b.log\n"
	    "stderr = /var/log/b.err\n");
	const struct svc_conf *a = find(conf, "a"), *b = find(conf, "b");

	ck_assert_str_eq(conf->state_file, CONF_DIR "/st/x.state");
	ck_assert_str_eq(conf->pid_file, CONF_DIR "/x.pid");
	ck_assert_str_eq(a->exec_path, CONF_DIR "/bin/a");
	ck_assert_str_eq(a->argv[0], "bin/a");
	ck_assert_str_eq(a->directory, CONF_DIR "/work");
	ck_assert_str_eq(a->out.path, CONF_DIR "/out.log");
	ck_assert_str_eq(a->err.path, CONF_DIR "/logs/err.log");
	/* A bare program is looked up in PATH, not made a path. */
	ck_assert_ptr_null(b->exec_path);
	ck_assert_str_eq(b->argv[0], "sleep");
	ck_assert_str_eq(b->directory, "/srv");
	ck_assert_str_eq(b->out.path, CONF_DIR "/logs/b.log");
	ck_assert_str_eq(b->err.path, "/var/log/b.err");
	conf_free(conf);
}
END_TEST

/* ---- the line reader: comments, continuations, lengths ---- */

START_TEST(comments_and_blank_lines)
{
	struct conf *conf = load_ok(
	    "; a comment\n"
	    "# another\n"
	    "\n"
	    "   \n"
	    "[service:a] ; trailing comment\n"
	    "  ; indented comment\n"
	    "command = /bin/echo x ; not part of the command\n"
	    "\n"
	    "restart = never\r\n");
	const struct svc_conf *c = find(conf, "a");

	ck_assert_int_eq(c->line, 5);
	ck_assert_uint_eq(vector_len(c->argv), 2);
	ck_assert_int_eq(c->restart, RESTART_NEVER);
	conf_free(conf);
}
END_TEST

START_TEST(continuation_lines)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/echo one\n"
	    "    two \"three\n"
	    "\tfour\"\n"
	    "restart = never\n");
	const struct svc_conf *c = find(conf, "a");

	ck_assert_uint_eq(vector_len(c->argv), 4);
	ck_assert_str_eq(c->argv[1], "one");
	ck_assert_str_eq(c->argv[2], "two");
	ck_assert_str_eq(c->argv[3], "three four");
	ck_assert_int_eq(c->restart, RESTART_NEVER);
	conf_free(conf);
}
END_TEST

START_TEST(long_command_continued)
{
	/* Three lines of 160 bytes make one command of 480. */
	char text[1024], a[151], b[151], c[151];
	struct conf *conf;
	const struct svc_conf *s;

	memset(a, 'a', 150);
	memset(b, 'b', 150);
	memset(c, 'c', 150);
	a[150] = b[150] = c[150] = '\0';
	snprintf(text, sizeof(text), "[service:a]\ncommand = /bin/echo %s\n"
	    "        %s\n\t%s\npriority = 3\n", a, b, c);
	conf = load_ok(text);
	s = find(conf, "a");
	ck_assert_uint_eq(vector_len(s->argv), 4);
	ck_assert_str_eq(s->argv[1], a);
	ck_assert_str_eq(s->argv[2], b);
	ck_assert_str_eq(s->argv[3], c);
	ck_assert_int_eq(s->priority, 3);
	conf_free(conf);
}
END_TEST

/* "[service:a]", "command = /bin/true", then a line of LEN bytes. */
static struct conf *
load_with_line_of(size_t len)
{
	char text[512], line[300];

	ck_assert_uint_lt(len, sizeof(line));
	memset(line, 'v', len);
	memcpy(line, "environment = X=", 16);
	line[len] = '\0';
	snprintf(text, sizeof(text), "[service:a]\ncommand = /bin/true\n%s\n",
	    line);
	return load(text);
}

START_TEST(line_of_199_bytes)
{
	static const char *const none[] = { NULL };
	struct conf *conf = load_with_line_of(RESPAWND_LINE_MAX);
	const struct svc_conf *c;

	reports_are(none);
	ck_assert_ptr_nonnull(conf);
	c = find(conf, "a");
	ck_assert_uint_eq(vector_len(c->environment), 1);
	ck_assert_uint_eq(strlen(c->environment[0]), 199 - 14);
	conf_free(conf);
}
END_TEST

START_TEST(line_of_200_bytes)
{
	static const char *const want[] = {
		"3: line too long (200 bytes, at most 199): continue a long "
		"value on indented lines",
		NULL,
	};
	struct conf *conf = load_with_line_of(RESPAWND_LINE_MAX + 1);

	reports_are(want);
	ck_assert_ptr_null(conf);
}
END_TEST

START_TEST(long_section_header_line)
{
	/* The keys after a header that was too long to read belong to no
	 * section: they are not charged to the section before it. */
	char text[512], name[201];

	memset(name, 'b', 200);
	name[200] = '\0';
	snprintf(text, sizeof(text), "[service:a]\ncommand = /bin/true\n"
	    "[service:%s]\ncommand = /bin/false\n", name);
	load_fails(text, "3: line too long (210 bytes, at most 199): continue "
	    "a long value on indented lines", NULL);
}
END_TEST

START_TEST(long_comment_line)
{
	/* Any line: inih would read a long comment's tail as a new line. */
	char text[512], line[260];

	memset(line, 'x', 250);
	line[0] = ';';
	line[250] = '\0';
	snprintf(text, sizeof(text), "[service:a]\n%s\ncommand = /bin/true\n",
	    line);
	load_fails(text, "2: line too long (250 bytes, at most 199): continue "
	    "a long value on indented lines", NULL);
}
END_TEST

START_TEST(inline_comment_cuts_quotes)
{
	static const char hint[] = " (\" ;\" begins a comment, even inside "
	    "quotes: write 'a; b', not 'a ; b')";
	char want[256];

	snprintf(want, sizeof(want), "2: unbalanced double quote in command%s",
	    hint);
	load_fails("[service:a]\n"
	    "command = /bin/sh -c \"echo a ; echo b\"\n", want, NULL);
	snprintf(want, sizeof(want), "2: unbalanced single quote in command%s",
	    hint);
	load_fails("[service:a]\n"
	    "command = /bin/sh -c 'echo a ; echo b'\n", want, NULL);
	/* No comment involved: no hint. */
	load_fails("[service:a]\n"
	    "command = /bin/sh -c \"echo a\n",
	    "2: unbalanced double quote in command", NULL);
	load_fails("[service:a]\n"
	    "command = /bin/echo a\\\n",
	    "2: trailing backslash in command", NULL);
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "environment = \"A=1\n",
	    "3: unbalanced double quote in environment", NULL);
}
END_TEST

START_TEST(continuation_inline_comment)
{
	/* " ;" begins a comment anywhere in a line (SPEC.md), continuation
	 * lines included. */
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/echo one\n"
	    "    two ; a comment\n");
	const struct svc_conf *c = find(conf, "a");

	ck_assert_uint_eq(vector_len(c->argv), 3);
	ck_assert_str_eq(c->argv[2], "two");
	conf_free(conf);
	/* A cut there that leaves a quote open: reported at the key's line,
	 * with the hint. */
	load_fails("[service:a]\n"
	    "command = /bin/sh -c \"echo a;\n"
	    "    echo b ; echo c\"\n",
	    "2: unbalanced double quote in command (\" ;\" begins a comment, "
	    "even inside quotes: write 'a; b', not 'a ; b')", NULL);
}
END_TEST

START_TEST(semicolon_without_space_kept)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/sh -c \"echo a; echo b\"\n");
	const struct svc_conf *c = find(conf, "a");

	ck_assert_uint_eq(vector_len(c->argv), 3);
	ck_assert_str_eq(c->argv[2], "echo a; echo b");
	conf_free(conf);
}
END_TEST

/* ---- errors, each at its line ---- */

START_TEST(unknown_section)
{
	/* Its keys are not reported again. */
	load_fails("[services]\n"
	    "command = x\n"
	    "[service:a]\n"
	    "command = /bin/true\n",
	    "1: unknown section [services] (expected [respawnd] or "
	    "[service:NAME])", NULL);
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "[Respawnd]\n",
	    "3: unknown section [Respawnd] (expected [respawnd] or "
	    "[service:NAME])", NULL);
}
END_TEST

START_TEST(unknown_keys)
{
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "commnd = x\n"
	    "Command = y\n"
	    "main = a\n"
	    "[respawnd]\n"
	    "command = /bin/true\n"
	    "verbose = yes\n",
	    "3: unknown key 'commnd' in [service:a]",
	    "4: unknown key 'Command' in [service:a]",
	    "5: unknown key 'main' in [service:a]",
	    "7: unknown key 'command' in [respawnd]",
	    "8: unknown key 'verbose' in [respawnd]", NULL);
}
END_TEST

START_TEST(duplicate_service)
{
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "[service:b]\n"
	    "command = /bin/true\n"
	    "[service:a]\n"
	    "command = /bin/false\n",
	    "5: duplicate service 'a' (first at line 1)", NULL);
	load_fails("[respawnd]\n"
	    "log_level = info\n"
	    "[respawnd]\n"
	    "log_level = debug\n",
	    "3: duplicate section [respawnd] (first at line 1)", NULL);
}
END_TEST

START_TEST(duplicate_key)
{
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "restart = never\n"
	    "command = /bin/false\n"
	    "    --continued\n",
	    "4: duplicate key 'command' (first at line 2)", NULL);
}
END_TEST

START_TEST(key_outside_section)
{
	load_fails("; leading comment\n"
	    "command = /bin/true\n"
	    "[service:a]\n"
	    "command = /bin/true\n",
	    "2: key 'command' outside any section", NULL);
}
END_TEST

START_TEST(key_outside_section_continued)
{
	/* The continuation of a key already reported is no new error. */
	load_fails("command = /bin/true\n"
	    "    --flag\n"
	    "[service:a]\n"
	    "command = /bin/true\n",
	    "1: key 'command' outside any section", NULL);
}
END_TEST

START_TEST(not_a_key_line)
{
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "[service:b\n"
	    "just words\n",
	    "3: missing ']' in section header",
	    "4: expected 'key = value'", NULL);
}
END_TEST

START_TEST(missing_command)
{
	load_fails("[service:a]\n"
	    "restart = never\n"
	    "\n"
	    "[service:b]\n"
	    "command = /bin/true\n",
	    "1: service 'a' has no command", NULL);
	load_fails("[service:a]\n"
	    "command =\n",
	    "2: empty command", NULL);
	load_fails("[service:a]\n"
	    "command =    \n",
	    "2: empty command", NULL);
}
END_TEST

START_TEST(malformed_durations)
{
	static const char tail[] = "(an integer with ms, s, m or h, e.g. "
	    "250ms, 10s)";
	static const char *const keys[] = { "restart_delay",
	    "restart_delay_max", "stable_after", "stop_timeout" };
	static const char *const values[] = { "5 s", "10S", "1.5s", "-1s",
	    "ms", "4294968s" };

	for (size_t k = 0; k < 4; k++) {
		for (size_t v = 0; v < 6; v++) {
			char line[128], want[256];

			snprintf(line, sizeof(line), "%s = %s", keys[k],
			    values[v]);
			snprintf(want, sizeof(want), "3: invalid duration "
			    "'%s' %s", values[v], tail);
			service_line_fails(line, want);
		}
	}
	daemon_line_fails("shutdown_timeout = 30 s",
	    "2: invalid duration '30 s' (an integer with ms, s, m or h, e.g. "
	    "250ms, 10s)");
}
END_TEST

START_TEST(malformed_values)
{
	service_line_fails("clear_environment = Yes",
	    "3: invalid boolean 'Yes' (yes/no, true/false, on/off, 1/0)");
	service_line_fails("clear_environment = 2",
	    "3: invalid boolean '2' (yes/no, true/false, on/off, 1/0)");
	service_line_fails("stop_signal = TERMX",
	    "3: invalid signal 'TERMX' (a name such as TERM or SIGTERM, "
	    "RTMIN+N, or a number)");
	service_line_fails("stop_signal = 0",
	    "3: invalid signal '0' (a name such as TERM or SIGTERM, RTMIN+N, "
	    "or a number)");
	service_line_fails("stop_signal = RTMIN+99",
	    "3: invalid signal 'RTMIN+99' (a name such as TERM or SIGTERM, "
	    "RTMIN+N, or a number)");
	service_line_fails("umask = 0778",
	    "3: invalid umask '0778' (octal, at most 0777)");
	service_line_fails("umask = 01000",
	    "3: invalid umask '01000' (octal, at most 0777)");
	service_line_fails("success_exit_codes = 0 256",
	    "3: invalid exit codes '0 256' (integers from 0 to 255, separated "
	    "by spaces)");
	service_line_fails("success_exit_codes = a",
	    "3: invalid exit codes 'a' (integers from 0 to 255, separated by "
	    "spaces)");
	service_line_fails("success_exit_codes =",
	    "3: invalid exit codes '' (integers from 0 to 255, separated by "
	    "spaces)");
	service_line_fails("backoff_factor = 0",
	    "3: invalid backoff_factor '0' (an integer from 1 to 10)");
	service_line_fails("backoff_factor = 11",
	    "3: invalid backoff_factor '11' (an integer from 1 to 10)");
	service_line_fails("backoff_factor = 2.5",
	    "3: invalid backoff_factor '2.5' (an integer from 1 to 10)");
	service_line_fails("max_restarts = -1",
	    "3: invalid max_restarts '-1' (an integer from 0 to 1000000000)");
	service_line_fails("priority = high",
	    "3: invalid priority 'high' (an integer from -1000000000 to "
	    "1000000000)");
	service_line_fails("restart = sometimes",
	    "3: invalid restart 'sometimes' (always, on-failure or never)");
	service_line_fails("restart = Always",
	    "3: invalid restart 'Always' (always, on-failure or never)");
	service_line_fails("kill_mode = all",
	    "3: invalid kill_mode 'all' (group or process)");
	service_line_fails("directory =", "3: empty directory");
	service_line_fails("stdout =",
	    "3: empty stdout (inherit, null or a file path)");
	service_line_fails("stderr =",
	    "3: empty stderr (inherit, null, stdout or a file path)");
}
END_TEST

START_TEST(malformed_daemon_values)
{
	daemon_line_fails("log_target = file",
	    "2: invalid log_target 'file' (stderr or syslog)");
	daemon_line_fails("log_level = trace",
	    "2: invalid log_level 'trace' (error, warn, info or debug)");
	daemon_line_fails("max_parallel_starts = -1",
	    "2: invalid max_parallel_starts '-1' (an integer from 0 to "
	    "1000000)");
	daemon_line_fails("main = bad name", "2: invalid service name 'bad "
	    "name'");
	daemon_line_fails("state_file =", "2: empty state_file");
	daemon_line_fails("pid_file =", "2: empty pid_file");
}
END_TEST

START_TEST(unknown_user_and_group)
{
	service_line_fails("user = no-such-user-zz",
	    "3: unknown user 'no-such-user-zz'");
	service_line_fails("group = no-such-group-zz",
	    "3: unknown group 'no-such-group-zz'");
	service_line_fails("user = 4000",
	    "3: user 4000 has no passwd entry: set group as well");
}
END_TEST

START_TEST(unknown_user_and_unknown_group_both_reported)
{
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "user = no-such-user-zz\n"
	    "group = no-such-group-zz\n",
	    "3: unknown user 'no-such-user-zz'",
	    "4: unknown group 'no-such-group-zz'", NULL);
}
END_TEST

START_TEST(bad_service_names)
{
	static const char tail[] = "(1 to 40 of A-Z a-z 0-9 _ . -)";
	static const char *const names[] = { "a b", "", "a/b", "a:b", "x+y",
	    "caf\xc3\xa9" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char text[128], want[256];

		snprintf(text, sizeof(text), "[service:%s]\n"
		    "command = /bin/true\n", names[i]);
		snprintf(want, sizeof(want), "1: invalid service name '%s' %s",
		    names[i], tail);
		load_fails(text, want, NULL);
	}
}
END_TEST

START_TEST(service_name_40_and_41)
{
	char name[48], text[128], want[256];
	struct conf *conf;

	memset(name, 'n', 40);
	name[40] = '\0';
	snprintf(text, sizeof(text), "[service:%s]\ncommand = /bin/true\n",
	    name);
	conf = load_ok(text);
	ck_assert_str_eq(find(conf, name)->name, name);
	conf_free(conf);

	name[40] = 'n';
	name[41] = '\0';
	snprintf(text, sizeof(text), "[service:%s]\ncommand = /bin/true\n",
	    name);
	snprintf(want, sizeof(want), "1: invalid service name '%s' (1 to 40 of "
	    "A-Z a-z 0-9 _ . -)", name);
	load_fails(text, want, NULL);
}
END_TEST

START_TEST(section_name_too_long)
{
	/* inih keeps 49 bytes of a section name: 50 would be cut. */
	char name[80], text[256];

	memset(name, 'n', sizeof(name));
	memcpy(name, "service:", 8);
	name[50] = '\0';
	snprintf(text, sizeof(text), "[service:ok]\ncommand = /bin/true\n"
	    "[%s]\ncommand = /bin/true\nbogus = 1\n", name);
	load_fails(text, "3: section name too long (50 bytes, at most 49)",
	    NULL);
	name[50] = 'n';
	name[70] = '\0';
	snprintf(text, sizeof(text), "[%s]\ncommand = /bin/true\n", name);
	load_fails(text, "1: section name too long (70 bytes, at most 49)",
	    NULL);
}
END_TEST

START_TEST(stdout_and_stderr_stdout)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "stderr = stdout\n");

	ck_assert_int_eq(find(conf, "a")->err.kind, OUT_STDOUT);
	ck_assert_int_eq(find(conf, "a")->out.kind, OUT_INHERIT);
	conf_free(conf);
	service_line_fails("stdout = stdout",
	    "3: stdout cannot be 'stdout' (inherit, null or a file path)");
}
END_TEST

START_TEST(environment_without_equals)
{
	service_line_fails("environment = A=1 B",
	    "3: invalid environment entry 'B' (KEY=VALUE)");
	service_line_fails("environment = =x",
	    "3: invalid environment entry '=x' (KEY=VALUE)");
	service_line_fails("environment = \"A 1\"",
	    "3: invalid environment entry 'A 1' (KEY=VALUE)");
}
END_TEST

START_TEST(forward_signals_rules)
{
	static const char head[] = "[respawnd]\nmain = web\n";
	static const char tail[] = "[service:web]\ncommand = /bin/true\n";
	char text[256];

	snprintf(text, sizeof(text), "%sforward_signals = WINCH TERM\n%s",
	    head, tail);
	load_fails(text, "3: forward_signals cannot list TERM", NULL);
	snprintf(text, sizeof(text), "%sforward_signals = INT USR1 SIGCHLD\n%s",
	    head, tail);
	load_fails(text, "3: forward_signals cannot list INT",
	    "3: forward_signals cannot list CHLD", NULL);
	snprintf(text, sizeof(text), "%sforward_signals = WINCH BOGUS\n%s",
	    head, tail);
	load_fails(text, "3: invalid signal in forward_signals at 'BOGUS'",
	    NULL);
	daemon_line_fails("forward_signals = WINCH",
	    "2: forward_signals needs a main service");
}
END_TEST

START_TEST(main_names_unknown_service)
{
	load_fails("[respawnd]\n"
	    "log_level = info\n"
	    "main = ghost\n"
	    "[service:web]\n"
	    "command = /bin/true\n",
	    "3: main names no service: 'ghost'", NULL);
}
END_TEST

START_TEST(many_errors_all_reported)
{
	load_fails("[service:a]\n"
	    "command = /bin/true\n"
	    "restart_delay = 5 s\n"
	    "bogus = 1\n"
	    "[service:a]\n"
	    "[service:b]\n"
	    "stop_signal = TERMX\n"
	    "[nope]\n"
	    "[respawnd]\n"
	    "log_level = loud\n"
	    "[service:c]\n"
	    "command = /bin/true\n"
	    "umask = 9\n"
	    "backoff_factor = 0\n",
	    "3: invalid duration '5 s' (an integer with ms, s, m or h, e.g. "
	    "250ms, 10s)",
	    "4: unknown key 'bogus' in [service:a]",
	    "5: duplicate service 'a' (first at line 1)",
	    "6: service 'b' has no command",
	    "7: invalid signal 'TERMX' (a name such as TERM or SIGTERM, "
	    "RTMIN+N, or a number)",
	    "8: unknown section [nope] (expected [respawnd] or [service:NAME])",
	    "10: invalid log_level 'loud' (error, warn, info or debug)",
	    "13: invalid umask '9' (octal, at most 0777)",
	    "14: invalid backoff_factor '0' (an integer from 1 to 10)", NULL);
}
END_TEST

/* ---- the environment a service gets ---- */

START_TEST(environment_replaces_and_adds)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "environment = HOME=/home/x NEW=1 \"SP=a b\" EQ=x=y\n");
	const struct svc_conf *c = find(conf, "a");

	ck_assert_uint_eq(vector_len(c->envp), 6);
	ck_assert(vector_has(c->envp, "PATH=/opt/bin:/bin"));
	ck_assert(vector_has(c->envp, "LANG=C"));
	ck_assert(vector_has(c->envp, "HOME=/home/x"));
	ck_assert(vector_has(c->envp, "NEW=1"));
	ck_assert(vector_has(c->envp, "SP=a b"));
	ck_assert(vector_has(c->envp, "EQ=x=y"));
	ck_assert(!vector_has(c->envp, "HOME=/root"));
	/* The base is untouched. */
	ck_assert_str_eq(base_env[1], "HOME=/root");
	ck_assert_str_eq(c->search_path, "/opt/bin:/bin");
	conf_free(conf);
}
END_TEST

START_TEST(environment_last_pair_wins)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "environment = A=1 PATHX=/no A=2 PATH=/p1 PATH=/p2\n");
	const struct svc_conf *c = find(conf, "a");

	ck_assert_uint_eq(vector_len(c->envp), 5);
	ck_assert(vector_has(c->envp, "A=2"));
	ck_assert(!vector_has(c->envp, "A=1"));
	ck_assert(vector_has(c->envp, "PATHX=/no"));
	ck_assert(vector_has(c->envp, "PATH=/p2"));
	ck_assert(vector_has(c->envp, "HOME=/root"));
	ck_assert(vector_has(c->envp, "LANG=C"));
	ck_assert_str_eq(c->search_path, "/p2");
	conf_free(conf);
}
END_TEST

START_TEST(clear_environment_keeps_only_listed)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/true\n"
	    "clear_environment = yes\n"
	    "environment = A=1 PATH=/x\n"
	    "[service:b]\n"
	    "command = /bin/true\n"
	    "clear_environment = true\n"
	    "[service:c]\n"
	    "command = /bin/true\n"
	    "clear_environment = 0\n"
	    "environment = B=2\n");
	const struct svc_conf *c;

	c = find(conf, "a");
	ck_assert(c->clear_environment);
	ck_assert_uint_eq(vector_len(c->envp), 2);
	ck_assert(vector_has(c->envp, "A=1"));
	ck_assert(vector_has(c->envp, "PATH=/x"));
	ck_assert_str_eq(c->search_path, "/x");
	/* Nothing listed: an empty environment, and the default PATH. */
	c = find(conf, "b");
	ck_assert_ptr_nonnull(c->envp);
	ck_assert_uint_eq(vector_len(c->envp), 0);
	ck_assert_str_eq(c->search_path, "/usr/local/bin:/usr/bin:/bin");
	c = find(conf, "c");
	ck_assert(!c->clear_environment);
	ck_assert_uint_eq(vector_len(c->envp), 4);
	ck_assert(vector_has(c->envp, "B=2"));
	conf_free(conf);
}
END_TEST

START_TEST(search_path_sources)
{
	static char *no_path_env[] = { "HOME=/", "PATHOLOGY=1", NULL };
	struct conf_opts opts = default_opts();
	struct conf *conf;

	opts.environ = no_path_env;
	conf = load_with(
	    "[service:a]\n"
	    "command = true\n"
	    "[service:b]\n"
	    "command = true\n"
	    "environment = PATH=/svc/bin\n"
	    "[service:c]\n"
	    "command = true\n"
	    "environment = X=1\n", &opts);
	reports_are((const char *const[]){ NULL });
	ck_assert_ptr_nonnull(conf);
	ck_assert_str_eq(find(conf, "a")->search_path,
	    "/usr/local/bin:/usr/bin:/bin");
	ck_assert_ptr_null(find(conf, "a")->envp);
	ck_assert_str_eq(find(conf, "b")->search_path, "/svc/bin");
	ck_assert_str_eq(find(conf, "c")->search_path,
	    "/usr/local/bin:/usr/bin:/bin");
	conf_free(conf);
}
END_TEST

/* ---- definition digests ---- */

START_TEST(digests)
{
	struct conf *conf = load_ok(
	    "[service:a]\n"
	    "command = /bin/x -y\n"
	    "[service:same]\n"
	    "command = /bin/x -y\n"
	    "restart_delay = 5s\n"
	    "priority = 7\n"
	    "restart = never\n"
	    "restart_delay_max = 1h\n"
	    "backoff_factor = 5\n"
	    "stable_after = 1s\n"
	    "max_restarts = 3\n"
	    "stop_signal = INT\n"
	    "stop_timeout = 1s\n"
	    "success_exit_codes = 1\n"
	    "[service:command]\n"
	    "command = /bin/x -z\n"
	    "[service:directory]\n"
	    "command = /bin/x -y\n"
	    "directory = /srv\n"
	    "[service:environment]\n"
	    "command = /bin/x -y\n"
	    "environment = A=1\n"
	    "[service:environment2]\n"
	    "command = /bin/x -y\n"
	    "environment = A=2\n"
	    "[service:clear]\n"
	    "command = /bin/x -y\n"
	    "clear_environment = yes\n"
	    "[service:umask]\n"
	    "command = /bin/x -y\n"
	    "umask = 022\n"
	    "[service:umask2]\n"
	    "command = /bin/x -y\n"
	    "umask = 027\n"
	    "[service:user]\n"
	    "command = /bin/x -y\n"
	    "user = daemon\n"
	    "[service:group]\n"
	    "command = /bin/x -y\n"
	    "group = daemon\n"
	    "[service:stdout]\n"
	    "command = /bin/x -y\n"
	    "stdout = out.log\n"
	    "[service:stdout2]\n"
	    "command = /bin/x -y\n"
	    "stdout = out2.log\n"
	    "[service:stdnull]\n"
	    "command = /bin/x -y\n"
	    "stdout = null\n"
	    "[service:stderr]\n"
	    "command = /bin/x -y\n"
	    "stderr = stdout\n"
	    "[service:kill_mode]\n"
	    "command = /bin/x -y\n"
	    "kill_mode = process\n");
	static const char *const differ[] = {
		"command", "directory", "environment", "environment2", "clear",
		"umask", "umask2", "user", "group", "stdout", "stdout2",
		"stdnull", "stderr", "kill_mode",
	};
	const size_t n = sizeof(differ) / sizeof(differ[0]);
	uint64_t base = find(conf, "a")->digest;

	ck_assert(find(conf, "same")->digest == base);
	for (size_t i = 0; i < n; i++) {
		ck_assert_msg(find(conf, differ[i])->digest != base,
		    "changing %s leaves the digest as it was", differ[i]);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(find(conf, differ[i])->digest !=
			    find(conf, differ[j])->digest, "%s and %s collide",
			    differ[i], differ[j]);
	}
	conf_free(conf);
}
END_TEST

START_TEST(digest_stable_across_loads)
{
	static const char text[] = "[service:a]\ncommand = /bin/x -y\n"
	    "environment = A=1\nstdout = o.log\n";
	struct conf *one = load_ok(text), *two = load_ok(text);

	ck_assert(find(one, "a")->digest == find(two, "a")->digest);
	conf_free(one);
	conf_free(two);
}
END_TEST

/* ---- the "--" form ---- */

START_TEST(dash_form)
{
	static char *argv[] = { "sleep", "10", NULL };
	struct conf_opts opts = default_opts();
	struct conf *conf;
	const struct svc_conf *c;

	opts.main_argv = argv;
	conf_path[0] = '\0';
	reports.n = 0;
	conf = conf_load(NULL, &opts);
	reports_are((const char *const[]){ NULL });
	ck_assert_ptr_nonnull(conf);
	ck_assert(conf->dash_form);
	ck_assert_str_eq(conf->main, "main");
	ck_assert_str_eq(conf->state_file, "/tmp/respawnd-1000.4242.state");
	ck_assert_uint_eq(conf->nsvcs, 1);
	c = find(conf, "main");
	ck_assert(c->is_main);
	ck_assert(c->foreground);
	ck_assert_int_eq(c->restart, RESTART_NEVER);
	ck_assert_uint_eq(vector_len(c->argv), 2);
	ck_assert_str_eq(c->argv[0], "sleep");
	ck_assert_str_eq(c->argv[1], "10");
	ck_assert_str_eq(c->directory, CWD);
	ck_assert_str_eq(c->search_path, "/opt/bin:/bin");
	conf_free(conf);
}
END_TEST

Suite *
conf_suite(void)
{
	Suite *s = suite_create("conf");
	TCase *tc = tcase_create("conf");

	tcase_add_test(tc, service_defaults);
	tcase_add_test(tc, daemon_defaults);
	tcase_add_test(tc, state_file_defaults);
	tcase_add_test(tc, daemon_keys);
	tcase_add_test(tc, log_levels);
	tcase_add_test(tc, service_keys);
	tcase_add_test(tc, other_values);
	tcase_add_test(tc, users_and_groups);
	tcase_add_test(tc, supplementary_groups_as_root);
	tcase_add_test(tc, relative_paths);
	tcase_add_test(tc, comments_and_blank_lines);
	tcase_add_test(tc, continuation_lines);
	tcase_add_test(tc, long_command_continued);
	tcase_add_test(tc, line_of_199_bytes);
	tcase_add_test(tc, line_of_200_bytes);
	tcase_add_test(tc, long_section_header_line);
	tcase_add_test(tc, long_comment_line);
	tcase_add_test(tc, inline_comment_cuts_quotes);
	tcase_add_test(tc, continuation_inline_comment);
	tcase_add_test(tc, semicolon_without_space_kept);
	tcase_add_test(tc, unknown_section);
	tcase_add_test(tc, unknown_keys);
	tcase_add_test(tc, duplicate_service);
	tcase_add_test(tc, duplicate_key);
	tcase_add_test(tc, key_outside_section);
	tcase_add_test(tc, key_outside_section_continued);
	tcase_add_test(tc, not_a_key_line);
	tcase_add_test(tc, missing_command);
	tcase_add_test(tc, malformed_durations);
	tcase_add_test(tc, malformed_values);
	tcase_add_test(tc, malformed_daemon_values);
	tcase_add_test(tc, unknown_user_and_group);
	tcase_add_test(tc, unknown_user_and_unknown_group_both_reported);
	tcase_add_test(tc, bad_service_names);
	tcase_add_test(tc, service_name_40_and_41);
	tcase_add_test(tc, section_name_too_long);
	tcase_add_test(tc, stdout_and_stderr_stdout);
	tcase_add_test(tc, environment_without_equals);
	tcase_add_test(tc, forward_signals_rules);
	tcase_add_test(tc, main_names_unknown_service);
	tcase_add_test(tc, many_errors_all_reported);
	tcase_add_test(tc, environment_replaces_and_adds);
	tcase_add_test(tc, environment_last_pair_wins);
	tcase_add_test(tc, clear_environment_keeps_only_listed);
	tcase_add_test(tc, search_path_sources);
	tcase_add_test(tc, digests);
	tcase_add_test(tc, digest_stable_across_loads);
	tcase_add_test(tc, dash_form);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * check_statefile.c: the state file format: a round trip, and every way a
 * file is refused (truncated anywhere, any byte changed, wrong version,
 * duplicate names, absurd pids, untrusted files).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "statefile.h"
#include "unit.h"

static struct state_svc
sample_svc(const char *name, pid_t pid)
{
	return (struct state_svc){
		.name = name,
		.state = SVC_RUNNING,
		.pid = pid,
		.pgid = pid,
		.pstart = 123456789ULL,
		.started_ms = 987654321ULL,
		.definition = UINT64_C(0x0123456789abcdef),
		.cmdline = UINT64_C(0xfedcba9876543210),
		.streak = 3,
		.restarts = 42,
		.last_status = 9,
		.last_ran_ms = 1500,
		.flags = STATE_SIGNALLED | STATE_RESPAWNING,
		.after = AFTER_RESPAWN,
		.after_delay_ms = 400,
		.deadline_ms = 0,
		.stop_signal = 10,
		.stop_timeout_ms = 2500,
		.priority = -7,
		.kill_mode = KILL_PROCESS,
		.is_main = true,
		.out_r = 5, .out_w = 6, .err_r = 5, .err_w = 6,
		.out_path = "/var/log/a b%c=d.log",
		.err_path = "/var/log/a b%c=d.log",
	};
}

/* A packed file with two services; its length in *len, malloc'd. */
static char *
sample_text(size_t *len)
{
	static char buf[8192];
	struct state_daemon d = { .pid = 812, .pstart = 4711,
	    .main_status = 256, .crashes = 2, .crash_since = 99 };
	struct state_svc a = sample_svc("web", 1234);
	struct state_svc b = {
		.name = "idle.svc-2", .state = SVC_BACKOFF, .last_status = -1,
		.after = AFTER_STOP, .deadline_ms = 5555, .stop_signal = 15,
		.kill_mode = KILL_GROUP, .out_r = -1, .out_w = -1,
		.err_r = -1, .err_w = -1,
	};
	struct state_writer w;
	char *copy;

	statefile_begin(&w, buf, sizeof(buf), &d);
	statefile_add(&w, &a);
	statefile_add(&w, &b);
	*len = statefile_finish(&w, 2);
	ck_assert_uint_gt(*len, 0);
	copy = malloc(*len);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, buf, *len);
	return copy;
}

/* BODY (everything up to the sum line) with a correct checksum. */
static char *
with_sum(const char *body, size_t *len)
{
	char *text;

	ck_assert_int_gt(asprintf(&text, "%ssum %016" PRIx64 "\n", body,
	    fnv1a_words(FNV1A_INIT, body, strlen(body))), 0);
	*len = strlen(text);
	return text;
}

static const char *
parse_reason(char *text, size_t len)
{
	struct state st;
	const char *reason = NULL;

	if (statefile_parse(text, len, &st, &reason) == 0) {
		statefile_free(&st);
		return NULL;
	}
	free(text);
	return reason;
}

START_TEST(round_trip)
{
	size_t len;
	char *text = sample_text(&len);
	struct state st;
	const char *reason;
	const struct state_svc *a, *b;

	ck_assert_int_eq(statefile_parse(text, len, &st, &reason), 0);
	ck_assert_int_eq(st.daemon.pid, 812);
	ck_assert_uint_eq(st.daemon.pstart, 4711);
	ck_assert_int_eq(st.daemon.main_status, 256);
	ck_assert_uint_eq(st.daemon.crashes, 2);
	ck_assert_uint_eq(st.daemon.crash_since, 99);
	ck_assert(!st.daemon.give_up);
	ck_assert_uint_eq(st.nsvcs, 2);
	a = statefile_find(&st, "web");
	b = statefile_find(&st, "idle.svc-2");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_null(statefile_find(&st, "nope"));
	ck_assert_int_eq(a->state, SVC_RUNNING);
	ck_assert_int_eq(a->pid, 1234);
	ck_assert_int_eq(a->pgid, 1234);
	ck_assert_uint_eq(a->pstart, 123456789ULL);
	ck_assert_uint_eq(a->started_ms, 987654321ULL);
	ck_assert(a->definition == UINT64_C(0x0123456789abcdef));
	ck_assert(a->cmdline == UINT64_C(0xfedcba9876543210));
	ck_assert_uint_eq(a->streak, 3);
	ck_assert_uint_eq(a->restarts, 42);
	ck_assert_int_eq(a->last_status, 9);
	ck_assert_uint_eq(a->last_ran_ms, 1500);
	ck_assert_uint_eq(a->flags, STATE_SIGNALLED | STATE_RESPAWNING);
	ck_assert_int_eq(a->after, AFTER_RESPAWN);
	ck_assert_uint_eq(a->after_delay_ms, 400);
	ck_assert_int_eq(a->stop_signal, 10);
	ck_assert_uint_eq(a->stop_timeout_ms, 2500);
	ck_assert_int_eq(a->priority, -7);
	ck_assert_int_eq(a->kill_mode, KILL_PROCESS);
	ck_assert(a->is_main);
	ck_assert_int_eq(a->out_r, 5);
	ck_assert_int_eq(a->out_w, 6);
	ck_assert_int_eq(a->err_r, 5);
	ck_assert_str_eq(a->out_path, "/var/log/a b%c=d.log");
	ck_assert_str_eq(a->err_path, "/var/log/a b%c=d.log");
	ck_assert_int_eq(b->state, SVC_BACKOFF);
	ck_assert_int_eq(b->pid, 0);
	ck_assert_int_eq(b->last_status, -1);
	ck_assert_uint_eq(b->deadline_ms, 5555);
	ck_assert_int_eq(b->out_r, -1);
	ck_assert_ptr_null(b->out_path);
	statefile_free(&st);
}
END_TEST

START_TEST(truncated_anywhere)
{
	size_t len;
	char *full = sample_text(&len);

	for (size_t cut = 0; cut < len; cut++) {
		char *text = malloc(cut + 1);

		memcpy(text, full, cut);
		ck_assert_msg(parse_reason(text, cut) != NULL,
		    "accepted when cut at %zu of %zu", cut, len);
	}
	free(full);
}
END_TEST

START_TEST(any_byte_changed)
{
	size_t len;
	char *full = sample_text(&len);

	for (size_t i = 0; i < len; i++) {
		for (int bit = 0; bit < 8; bit += 3) {
			char *text = malloc(len);

			memcpy(text, full, len);
			text[i] ^= (char)(1 << bit);
			ck_assert_msg(parse_reason(text, len) != NULL,
			    "accepted with bit %d of byte %zu flipped", bit, i);
		}
	}
	free(full);
}
END_TEST

START_TEST(checksum_named)
{
	size_t len;
	char *text = sample_text(&len);

	text[40] ^= 1;
	ck_assert_str_eq(parse_reason(text, len), "bad checksum");
}
END_TEST

static const char daemon_line[] =
    "daemon pid=812 pstart=4711 main=-1 crashes=0 since=0 giveup=0\n";

static char *
svc_line(const char *name, const char *pid)
{
	char *line;

	ck_assert_int_gt(asprintf(&line, "svc name=%s st=running pid=%s "
	    "pgid=%s pstart=1 started=1 def=0000000000000001 "
	    "cmd=0000000000000001 streak=0 restarts=0 last=-1 ran=0 flags=0 "
	    "after=stop delay=0 deadline=0 sig=15 stopms=10000 prio=100 "
	    "kill=group main=0 out=-1,-1 err=-1,-1\n", name, pid, pid), 0);
	return line;
}

static const char *
reason_of_body(const char *head, const char *lines, int count)
{
	char *body, *text;
	size_t len;

	ck_assert_int_gt(asprintf(&body, "%s%s%send %d\n", head, daemon_line,
	    lines, count), 0);
	text = with_sum(body, &len);
	free(body);
	return parse_reason(text, len);
}

START_TEST(wellformed_body_accepted)
{
	char *line = svc_line("a", "1234");

	ck_assert_ptr_null(reason_of_body("respawnd-state 1\n", line, 1));
	free(line);
}
END_TEST

START_TEST(wrong_version)
{
	char *line = svc_line("a", "1234");

	ck_assert_str_eq(reason_of_body("respawnd-state 2\n", line, 1),
	    "unsupported version");
	ck_assert_str_eq(reason_of_body("respawnd-state 0\n", line, 1),
	    "unsupported version");
	ck_assert_str_eq(reason_of_body("someone-else 1\n", line, 1),
	    "not a respawnd state file");
	free(line);
}
END_TEST

START_TEST(duplicate_names)
{
	char *a = svc_line("a", "1234"), *b = svc_line("a", "1235"), *both;

	ck_assert_int_gt(asprintf(&both, "%s%s", a, b), 0);
	ck_assert_str_eq(reason_of_body("respawnd-state 1\n", both, 2),
	    "a service recorded twice");
	free(a);
	free(b);
	free(both);
}
END_TEST

START_TEST(absurd_pids)
{
	static const char *const pids[] = { "-5", "1", "4194305",
	    "99999999999", "12x", "" };

	for (size_t i = 0; i < sizeof(pids) / sizeof(pids[0]); i++) {
		char *line = svc_line("a", pids[i]);

		ck_assert_msg(reason_of_body("respawnd-state 1\n", line, 1) !=
		    NULL, "pid '%s' accepted", pids[i]);
		free(line);
	}
}
END_TEST

START_TEST(inconsistent_records)
{
	char *line = svc_line("a", "0");	/* running without a pid */

	ck_assert_str_eq(reason_of_body("respawnd-state 1\n", line, 1),
	    "malformed service record");
	free(line);
	line = svc_line("a", "1234");
	ck_assert_str_eq(reason_of_body("respawnd-state 1\n", line, 2),
	    "truncated");			/* end counts two */
	free(line);
	line = svc_line("bad name!", "1234");
	ck_assert_str_eq(reason_of_body("respawnd-state 1\n", line, 1),
	    "malformed service record");
	free(line);
}
END_TEST

START_TEST(unknown_field)
{
	char *line = svc_line("a", "1234"), *extra;

	line[strlen(line) - 1] = '\0';
	ck_assert_int_gt(asprintf(&extra, "%s color=red\n", line), 0);
	ck_assert_str_eq(reason_of_body("respawnd-state 1\n", extra, 1),
	    "malformed service record");
	free(line);
	free(extra);
}
END_TEST

START_TEST(writer_overflow)
{
	char small[64];
	struct state_daemon d = { .pid = 1 };
	struct state_svc a = sample_svc("web", 1234);
	struct state_writer w;

	statefile_begin(&w, small, sizeof(small), &d);
	statefile_add(&w, &a);
	ck_assert_uint_eq(statefile_finish(&w, 1), 0);
	ck_assert_uint_le(statefile_record_size(&a), STATEFILE_RECORD_MAX +
	    2 * 3 * strlen(a.out_path));
}
END_TEST

/* ---- statefile_read: the trust rules ---- */

static char dir[64];

static void
make_dir(void)
{
	strcpy(dir, "/tmp/check-statefile.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
remove_dir(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void
write_sample(const char *path, mode_t mode)
{
	size_t len;
	char *text = sample_text(&len);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(fchmod(fd, mode), 0);
	close(fd);
	free(text);
}

static const char *
read_reason(const char *path, int *rc)
{
	struct state st;
	const char *reason = NULL;

	*rc = statefile_read(path, geteuid(), &st, &reason);
	if (*rc == 0)
		statefile_free(&st);
	return reason;
}

START_TEST(read_trusted_file)
{
	char path[128];
	int rc;

	make_dir();
	snprintf(path, sizeof(path), "%s/state", dir);
	write_sample(path, 0600);
	read_reason(path, &rc);
	ck_assert_int_eq(rc, 0);
	snprintf(path, sizeof(path), "%s/missing", dir);
	read_reason(path, &rc);
	ck_assert_int_eq(rc, 1);
	remove_dir();
}
END_TEST

START_TEST(read_refuses_writable)
{
	char path[128];
	int rc;

	make_dir();
	snprintf(path, sizeof(path), "%s/state", dir);
	write_sample(path, 0620);
	ck_assert_str_eq(read_reason(path, &rc), "writable by group or others");
	ck_assert_int_eq(rc, -1);
	write_sample(path, 0602);
	ck_assert_str_eq(read_reason(path, &rc), "writable by group or others");
	remove_dir();
}
END_TEST

START_TEST(read_refuses_symlink_and_dir)
{
	char path[128], link[128];
	int rc;

	make_dir();
	snprintf(path, sizeof(path), "%s/state", dir);
	snprintf(link, sizeof(link), "%s/link", dir);
	write_sample(path, 0600);
	ck_assert_int_eq(symlink(path, link), 0);
	ck_assert_str_eq(read_reason(link, &rc), "a symbolic link");
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(read_reason(dir, &rc), "not a regular file");
	remove_dir();
}
END_TEST

START_TEST(read_refuses_foreign_owner)
{
	struct passwd *nobody = getpwnam("nobody");
	char path[128];
	int rc;

	if (geteuid() != 0 || nobody == NULL)
		return;		/* only root can give a file away */
	make_dir();
	snprintf(path, sizeof(path), "%s/state", dir);
	write_sample(path, 0600);
	ck_assert_int_eq(chown(path, nobody->pw_uid, nobody->pw_gid), 0);
	ck_assert_str_eq(read_reason(path, &rc), "owned by another user");
	remove_dir();
}
END_TEST

Suite *
statefile_suite(void)
{
	Suite *s = suite_create("statefile");
	TCase *format = tcase_create("format");
	TCase *trust = tcase_create("trust");

	tcase_add_test(format, round_trip);
	tcase_add_test(format, truncated_anywhere);
	tcase_add_test(format, any_byte_changed);
	tcase_add_test(format, checksum_named);
	tcase_add_test(format, wellformed_body_accepted);
	tcase_add_test(format, wrong_version);
	tcase_add_test(format, duplicate_names);
	tcase_add_test(format, absurd_pids);
	tcase_add_test(format, inconsistent_records);
	tcase_add_test(format, unknown_field);
	tcase_add_test(format, writer_overflow);
	tcase_set_timeout(format, 60);
	suite_add_tcase(s, format);
	tcase_add_test(trust, read_trusted_file);
	tcase_add_test(trust, read_refuses_writable);
	tcase_add_test(trust, read_refuses_symlink_and_dir);
	tcase_add_test(trust, read_refuses_foreign_owner);
	suite_add_tcase(s, trust);
	return s;
}

/*
 * openloop: an open-loop HTTP/1.1 load generator for the gateway benchmark (bench.sh phase latency).
 *
 * Requests are scheduled at a fixed rate (request i at t0 + i/RATE) and each one's latency runs from its
 * scheduled time to the last byte of its response, so a stalled target cannot hide its stall by slowing the
 * sender down (no coordinated omission): a request that finds no free connection waits in a queue and the wait
 * counts. One thread, epoll, non-blocking keep-alive connections, one request in flight per connection.
 * Exact percentiles from every recorded latency. libc only; gcc -O2 -Wall -Wextra openloop.c -o openloop.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define NS 1000000000ULL
#define MAX_HEADER 16384
#define MAX_LINE 1024
#define RECONNECT_NS (100 * 1000000ULL)

enum conn_state { CONNECTING, IDLE, WRITING, READING, DEAD };
enum parse_state { HEADERS, BODY_LENGTH, BODY_UNTIL_CLOSE, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS };

struct conn {
    int fd;
    enum conn_state state;
    uint64_t retry_at;      /* DEAD: when to connect again */
    uint64_t index;         /* the request in flight */
    size_t written;
    int want_out;           /* EPOLLOUT currently registered */
    enum parse_state parse;
    char head[MAX_HEADER];
    size_t head_len;
    char line[MAX_LINE];    /* chunk-size and trailer lines */
    size_t line_len;
    uint64_t remaining;
    int status;
    int close_after;
};

struct stats {
    uint64_t completed, errors;         /* answers and failed requests, warm-up included */
    uint64_t non2xx, measured_errors;   /* after the warm-up */
    uint64_t last_done;
    char first_error[256];
};

static const char *prog = "openloop";
static struct conn *conns;
static int nconns, epfd;
static int *free_stack, nfree;
static struct sockaddr_storage target;
static socklen_t target_len;
static char *request;
static size_t request_len;
static uint64_t t0, rate, total, warm_count;
static uint64_t *latency, *waited; /* per measured request, ns; latency UINT64_MAX = no answer */
static struct stats st;

static void die(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(2);
}

static void usage(void) {
    fprintf(stderr,
        "usage: %s [-c CONNS] [-w WARMUP_S] [-T DRAIN_S] [-g TICK_US] [-H 'Name: value']... URL BODYFILE KEY RATE SECONDS\n"
        "  POSTs BODYFILE (trailing whitespace trimmed) to URL (http://host:port/path) at RATE requests/s for\n"
        "  WARMUP_S (default 5, not recorded) + SECONDS, over CONNS keep-alive connections (default 64).\n"
        "  KEY is sent as 'Authorization: Bearer KEY' (KEY 'none': no Authorization header); Content-Type is\n"
        "  application/json. Latency runs from each request's scheduled send time to the last byte of its answer.\n"
        "  Requests still unanswered DRAIN_S (default 10) after the last one was due count as errors.\n"
        "  TICK_US (default 0: wake for each request's own time) > 0 sends the requests due within one tick\n"
        "  together at the tick's end: fewer wake-ups, but up to TICK_US of added (and counted) latency.\n", prog);
    exit(2);
}

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * NS + (uint64_t)ts.tv_nsec;
}

static uint64_t parse_count(const char *s, const char *what, uint64_t min, uint64_t max) {
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-' || v < min || v > max)
        die("%s must be an integer in [%llu, %llu], got '%s'", what, (unsigned long long)min,
            (unsigned long long)max, s);
    return v;
}

/* Keeps the first error's text for the report. */
static void note_error(const char *fmt, ...) {
    if (!st.first_error[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(st.first_error, sizeof st.first_error, fmt, ap);
        va_end(ap);
    }
}

static uint64_t scheduled(uint64_t i) { return t0 + (uint64_t)((unsigned __int128)i * NS / rate); }

static void set_events(struct conn *c, int out) {
    struct epoll_event ev = { .events = EPOLLIN | (out ? EPOLLOUT : 0), .data.u32 = (uint32_t)(c - conns) };
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl: %s", strerror(errno));
    c->want_out = out;
}

static void open_conn(struct conn *c) {
    c->fd = socket(target.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c->fd < 0) die("socket: %s", strerror(errno));
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)(c - conns) };
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl: %s", strerror(errno));
    c->want_out = 1;
    c->state = CONNECTING;
    if (connect(c->fd, (struct sockaddr *)&target, target_len) < 0 && errno != EINPROGRESS) {
        /* reported when EPOLLOUT/EPOLLERR fires with SO_ERROR set */
    }
}

static void close_conn(struct conn *c, uint64_t now, int reconnect_now) {
    close(c->fd); /* also removes it from the epoll set */
    c->fd = -1;
    c->state = DEAD;
    c->retry_at = reconnect_now ? now : now + RECONNECT_NS;
}

static void push_free(struct conn *c) {
    c->state = IDLE;
    free_stack[nfree++] = (int)(c - conns);
}

/* The request in flight on c ended: an answer (status > 0) or a socket/protocol error (status 0). */
static void finish(struct conn *c, int status, uint64_t now) {
    uint64_t i = c->index;
    if (status > 0) {
        st.completed++;
        st.last_done = now;
        if (i >= warm_count) {
            latency[i - warm_count] = now - scheduled(i);
            if (status < 200 || status > 299) st.non2xx++;
        }
    } else {
        st.errors++;
        if (i >= warm_count) st.measured_errors++;
    }
}

static void fail(struct conn *c, uint64_t now, const char *what) {
    if (c->state == WRITING || c->state == READING) finish(c, 0, now);
    note_error("%s", what);
    close_conn(c, now, 0);
}

static void start_request(struct conn *c, uint64_t i, uint64_t now) {
    c->index = i;
    c->written = 0;
    c->state = WRITING;
    c->parse = HEADERS;
    c->head_len = 0;
    c->line_len = 0;
    if (i >= warm_count) waited[i - warm_count] = now - scheduled(i);
    ssize_t n = send(c->fd, request, request_len, MSG_NOSIGNAL);
    if (n < 0 && errno != EAGAIN) { fail(c, now, strerror(errno)); return; }
    c->written = n > 0 ? (size_t)n : 0;
    if (c->written == request_len) c->state = READING;
    else set_events(c, 1);
}

static void continue_write(struct conn *c, uint64_t now) {
    ssize_t n = send(c->fd, request + c->written, request_len - c->written, MSG_NOSIGNAL);
    if (n < 0) {
        if (errno != EAGAIN) fail(c, now, strerror(errno));
        return;
    }
    c->written += (size_t)n;
    if (c->written == request_len) {
        c->state = READING;
        set_events(c, 0);
    }
}

/* Reads the status and the framing headers of a complete head (ending in CRLFCRLF). */
static int parse_head(struct conn *c) {
    c->head[c->head_len] = 0;
    if (strncmp(c->head, "HTTP/1.", 7) != 0 || !isdigit((unsigned char)c->head[9])) return -1;
    c->status = atoi(c->head + 9);
    if (c->status < 100 || c->status > 999) return -1;
    int chunked = 0, has_length = 0;
    uint64_t length = 0;
    c->close_after = c->head[7] == '0'; /* HTTP/1.0 closes unless told otherwise; good enough here */
    for (char *line = strstr(c->head, "\r\n"); line && line[2] != 0; line = strstr(line + 2, "\r\n")) {
        char *name = line + 2, *colon = strchr(name, ':'), *eol = strstr(name, "\r\n");
        if (!colon || colon > eol) return -1;
        char *value = colon + 1;
        while (*value == ' ' || *value == '\t') value++;
        size_t name_len = (size_t)(colon - name), value_len = (size_t)(eol - value);
        if (name_len == 14 && strncasecmp(name, "content-length", 14) == 0) {
            char *end;
            length = strtoull(value, &end, 10);
            if (end == value) return -1;
            has_length = 1;
        } else if (name_len == 17 && strncasecmp(name, "transfer-encoding", 17) == 0) {
            chunked = memmem(value, value_len, "chunked", 7) != NULL;
        } else if (name_len == 10 && strncasecmp(name, "connection", 10) == 0) {
            if (memmem(value, value_len, "close", 5)) c->close_after = 1;
            if (memmem(value, value_len, "keep-alive", 10)) c->close_after = 0;
        }
    }
    if (c->status < 200) return 1; /* interim answer: its final one follows */
    if (c->status == 204 || c->status == 304) { c->remaining = 0; c->parse = BODY_LENGTH; }
    else if (chunked) { c->parse = CHUNK_SIZE; c->line_len = 0; }
    else if (has_length) { c->remaining = length; c->parse = BODY_LENGTH; }
    else { c->parse = BODY_UNTIL_CLOSE; c->close_after = 1; }
    return 0;
}

/* Takes one line (chunk size or trailer) into c->line; returns bytes used, sets *done when a LF ended it. */
static size_t take_line(struct conn *c, const char *p, size_t n, int *done, int *overflow) {
    const char *lf = memchr(p, '\n', n);
    size_t used = lf ? (size_t)(lf - p) + 1 : n;
    if (c->line_len + used >= MAX_LINE) { *overflow = 1; return used; }
    memcpy(c->line + c->line_len, p, used);
    c->line_len += used;
    c->line[c->line_len] = 0;
    *done = lf != NULL;
    return used;
}

/* Collects the head; once complete, parses it and moves past it. Returns -1 on a malformed or oversized head. */
static int take_head(struct conn *c, const char **p, size_t *n) {
    size_t from = c->head_len > 3 ? c->head_len - 3 : 0;
    size_t take = *n < MAX_HEADER - 1 - c->head_len ? *n : MAX_HEADER - 1 - c->head_len;
    if (take == 0) return -1;
    memcpy(c->head + c->head_len, *p, take);
    c->head_len += take;
    char *end = memmem(c->head + from, c->head_len - from, "\r\n\r\n", 4);
    size_t head_end = end ? (size_t)(end - c->head) + 4 : c->head_len;
    size_t extra = c->head_len - head_end; /* bytes past the head in this read */
    *p += take - extra;
    *n -= take - extra;
    if (!end) return 0;
    c->head_len = head_end - 2; /* keep one CRLF so the header walk finds the end */
    int r = parse_head(c);
    if (r == 1) c->head_len = 0; /* interim 1xx: the final head follows */
    return r < 0 ? -1 : 0;
}

/* Feeds received bytes to the response parser: 1 = answer complete, 0 = more needed, -1 = protocol error. */
static int consume(struct conn *c, const char *p, size_t n) {
    for (;;) {
        if (c->parse == BODY_LENGTH && c->remaining == 0) return n == 0 ? 1 : -1; /* extra bytes: unasked for */
        if (n == 0 || c->parse == BODY_UNTIL_CLOSE) return 0;
        if (c->parse == HEADERS) {
            if (take_head(c, &p, &n) < 0) return -1;
            continue;
        }
        if (c->parse == BODY_LENGTH || c->parse == CHUNK_DATA) {
            size_t used = n < c->remaining ? n : (size_t)c->remaining;
            c->remaining -= used;
            p += used;
            n -= used;
            if (c->parse == CHUNK_DATA && c->remaining == 0) c->parse = CHUNK_END;
            continue;
        }
        /* chunk-size line, the CRLF after a chunk's data, trailer lines */
        int done = 0, overflow = 0;
        size_t used = take_line(c, p, n, &done, &overflow);
        p += used;
        n -= used;
        if (overflow) return -1;
        if (!done) continue;
        c->line_len = 0;
        if (c->parse == CHUNK_SIZE) {
            if (!isxdigit((unsigned char)c->line[0])) return -1;
            c->remaining = strtoull(c->line, NULL, 16);
            c->parse = c->remaining ? CHUNK_DATA : TRAILERS;
        } else if (c->parse == CHUNK_END) {
            c->parse = CHUNK_SIZE;
        } else if (c->line[0] == '\n' || (c->line[0] == '\r' && c->line[1] == '\n')) {
            return n == 0 ? 1 : -1; /* the blank line ending the trailers */
        }
    }
}

static void on_readable(struct conn *c, uint64_t now) {
    static char buf[65536];
    ssize_t n = recv(c->fd, buf, sizeof buf, 0);
    if (n < 0) {
        if (errno != EAGAIN) fail(c, now, strerror(errno));
        return;
    }
    if (n == 0) {
        if (c->state == READING && c->parse == BODY_UNTIL_CLOSE) {
            finish(c, c->status, now);
            close_conn(c, now, 1);
        } else if (c->state == IDLE) {
            close_conn(c, now, 1); /* the server ended an idle keep-alive connection: not an error */
        } else {
            fail(c, now, "connection closed before the whole answer");
        }
        return;
    }
    if (c->state != READING) { fail(c, now, "bytes received with no request in flight"); return; }
    int r = consume(c, buf, (size_t)n);
    if (r < 0) { fail(c, now, "malformed HTTP answer"); return; }
    if (r == 1) {
        finish(c, c->status, now);
        if (c->close_after) close_conn(c, now, 1);
        else push_free(c);
    }
}

static void on_connected(struct conn *c, uint64_t now) {
    int err = 0;
    socklen_t len = sizeof err;
    getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) { st.errors++; note_error("connect: %s", strerror(err)); close_conn(c, now, 0); return; }
    set_events(c, 0);
    push_free(c);
}

static void handle(struct conn *c, uint32_t events, uint64_t now) {
    if (c->state == DEAD) return; /* closed earlier in this batch */
    if (c->state == CONNECTING) { on_connected(c, now); return; }
    if ((events & EPOLLOUT) && c->state == WRITING) continue_write(c, now);
    if (c->state != DEAD && (events & (EPOLLIN | EPOLLERR | EPOLLHUP))) on_readable(c, now);
}

static void resolve(const char *url, char **host_header, char **path) {
    if (strncmp(url, "http://", 7) != 0) die("URL must start with http:// (no TLS), got '%s'", url);
    const char *authority = url + 7, *slash = strchr(authority, '/');
    size_t alen = slash ? (size_t)(slash - authority) : strlen(authority);
    if (alen == 0) die("URL has no host: '%s'", url);
    *host_header = strndup(authority, alen);
    *path = strdup(slash ? slash : "/");
    char *host = strndup(authority, alen), *colon = strrchr(host, ':');
    const char *port = "80";
    if (colon && !strchr(colon, ']')) { *colon = 0; port = colon + 1; }
    if (host[0] == '[') { host++; host[strlen(host) - 1] = 0; }
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM }, *ai;
    int rc = getaddrinfo(host, port, &hints, &ai);
    if (rc) die("cannot resolve '%s' port '%s': %s", host, port, gai_strerror(rc));
    memcpy(&target, ai->ai_addr, ai->ai_addrlen);
    target_len = ai->ai_addrlen;
    freeaddrinfo(ai);
}

static void build_request(const char *path, const char *host, const char *key, const char *body_file,
                          char **extra, int nextra) {
    FILE *f = fopen(body_file, "rb");
    if (!f) die("cannot read body file '%s': %s", body_file, strerror(errno));
    size_t cap = 1 << 16, len = 0;
    char *body = malloc(cap);
    for (size_t n; (n = fread(body + len, 1, cap - len, f)) > 0;) {
        len += n;
        if (len == cap) body = realloc(body, cap *= 2);
    }
    fclose(f);
    while (len > 0 && isspace((unsigned char)body[len - 1])) len--; /* as post.lua does for wrk */
    size_t hcap = 1024 + strlen(path) + strlen(host) + strlen(key);
    for (int i = 0; i < nextra; i++) hcap += strlen(extra[i]) + 2;
    request = malloc(hcap + len);
    int n = snprintf(request, hcap, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n", path, host);
    if (strcmp(key, "none") != 0) n += snprintf(request + n, hcap - n, "Authorization: Bearer %s\r\n", key);
    for (int i = 0; i < nextra; i++) n += snprintf(request + n, hcap - n, "%s\r\n", extra[i]);
    n += snprintf(request + n, hcap - n, "Content-Length: %zu\r\n\r\n", len);
    memcpy(request + n, body, len);
    request_len = (size_t)n + len;
    free(body);
}

static int cmp_u64(const void *a, const void *b) {
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* nearest rank over a sorted array */
static double pct_ms(const uint64_t *v, size_t n, double p) {
    if (n == 0) return 0;
    size_t rank = (size_t)((p / 100.0) * (double)n + 0.999999);
    if (rank < 1) rank = 1;
    if (rank > n) rank = n;
    return (double)v[rank - 1] / 1e6;
}

int main(int argc, char **argv) {
    prog = argv[0];
    prctl(PR_SET_TIMERSLACK, 1UL); /* wake on the schedule, not up to 50 us late */
    int conns_opt = 64;
    uint64_t warm_s = 5, drain_s = 10, tick = 0;
    char **extra = calloc((size_t)argc, sizeof *extra);
    int nextra = 0, opt;
    while ((opt = getopt(argc, argv, "c:w:T:H:g:h")) != -1) {
        switch (opt) {
        case 'c': conns_opt = (int)parse_count(optarg, "CONNS", 1, 60000); break;
        case 'w': warm_s = parse_count(optarg, "WARMUP_S", 0, 3600); break;
        case 'g': tick = parse_count(optarg, "TICK_US", 0, 1000000) * 1000; break;
        case 'T': drain_s = parse_count(optarg, "DRAIN_S", 0, 3600); break;
        case 'H':
            if (!strchr(optarg, ':') || strpbrk(optarg, "\r\n")) die("-H wants 'Name: value', got '%s'", optarg);
            extra[nextra++] = optarg;
            break;
        default: usage();
        }
    }
    if (argc - optind != 5) usage();
    const char *url = argv[optind], *body_file = argv[optind + 1], *key = argv[optind + 2];
    rate = parse_count(argv[optind + 3], "RATE", 1, 10000000);
    uint64_t seconds = parse_count(argv[optind + 4], "SECONDS", 1, 3600);
    if (strpbrk(key, "\r\n ")) die("KEY must not contain spaces or line breaks");
    char *host, *path;
    resolve(url, &host, &path);
    build_request(path, host, key, body_file, extra, nextra);

    warm_count = rate * warm_s;
    total = rate * (warm_s + seconds);
    uint64_t measured = total - warm_count;
    latency = malloc(measured * sizeof *latency);
    waited = malloc(measured * sizeof *waited);
    if (!latency || !waited) die("out of memory for %llu latencies", (unsigned long long)measured);
    for (uint64_t i = 0; i < measured; i++) latency[i] = waited[i] = UINT64_MAX;

    nconns = conns_opt;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)nconns + 16) {
        rl.rlim_cur = rl.rlim_max < (rlim_t)nconns + 16 ? rl.rlim_max : (rlim_t)nconns + 16;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    conns = calloc((size_t)nconns, sizeof *conns);
    free_stack = malloc((size_t)nconns * sizeof *free_stack);
    epfd = epoll_create1(EPOLL_CLOEXEC);
    if (epfd < 0) die("epoll_create1: %s", strerror(errno));
    struct epoll_event *events = malloc((size_t)nconns * sizeof *events);

    /* connect everything first: the schedule starts once the pool is up (or after 5 s, whatever is up) */
    for (int i = 0; i < nconns; i++) open_conn(&conns[i]);
    uint64_t setup_deadline = now_ns() + 5 * NS;
    while (nfree < nconns && now_ns() < setup_deadline) {
        int n = epoll_wait(epfd, events, nconns, 100);
        uint64_t now = now_ns();
        for (int k = 0; k < n; k++) handle(&conns[events[k].data.u32], events[k].events, now);
    }
    if (nfree == 0) die("no connection to %s could be opened: %s", url, st.first_error[0] ? st.first_error : "timeout");

    struct rusage ru0;
    getrusage(RUSAGE_SELF, &ru0);
    t0 = now_ns();
    uint64_t dispatched = 0, last_due = scheduled(total - 1), deadline = last_due + drain_s * NS;
    int use_pwait2 = 1;
    for (;;) {
        uint64_t now = now_ns();
        uint64_t due = now < t0 ? 0 : (uint64_t)((unsigned __int128)(now - t0) * rate / NS) + 1; /* due by now */
        if (due > total) due = total;
        while (dispatched < due && nfree > 0) start_request(&conns[free_stack[--nfree]], dispatched++, now);
        uint64_t wake = deadline;
        for (int i = 0; i < nconns && dispatched < total; i++) { /* reconnect while there is work left */
            struct conn *c = &conns[i];
            if (c->state != DEAD) continue;
            if (c->retry_at <= now) open_conn(c);
            else if (c->retry_at < wake) wake = c->retry_at;
        }
        int busy = nconns - nfree;
        if (dispatched == total && busy == 0) break;
        if (now >= deadline) break;
        if (dispatched < total && dispatched == due) {
            uint64_t next = scheduled(dispatched);
            if (tick) next = t0 + ((next - t0 + tick - 1) / tick) * tick; /* batch what falls in one tick */
            if (next < wake) wake = next;
        }
        if (dispatched < due) wake = wake < now + 100 * 1000000ULL ? wake : now + 100 * 1000000ULL; /* queue waits for a connection */
        uint64_t wait = wake > now ? wake - now : 0;
        int n;
        if (use_pwait2) {
            struct timespec ts = { .tv_sec = (time_t)(wait / NS), .tv_nsec = (long)(wait % NS) };
            n = epoll_pwait2(epfd, events, nconns, &ts, NULL);
            if (n < 0 && errno == ENOSYS) { use_pwait2 = 0; continue; }
        } else {
            n = epoll_wait(epfd, events, nconns, (int)((wait + 999999) / 1000000));
        }
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait: %s", strerror(errno));
        }
        now = now_ns();
        for (int k = 0; k < n; k++) handle(&conns[events[k].data.u32], events[k].events, now);
    }
    uint64_t end = now_ns();
    struct rusage ru1;
    getrusage(RUSAGE_SELF, &ru1);

    /* what never got an answer: unsent (no connection) or in flight at the drain deadline */
    uint64_t unanswered = 0;
    for (int i = 0; i < nconns; i++)
        if (conns[i].state == WRITING || conns[i].state == READING) { finish(&conns[i], 0, end); unanswered++; }
    unanswered += total - dispatched;
    if (unanswered) note_error("%llu requests unanswered %llu s after the last was due",
                               (unsigned long long)unanswered, (unsigned long long)drain_s);
    for (uint64_t i = dispatched; i < total; i++) {
        st.errors++;
        if (i >= warm_count) st.measured_errors++;
    }

    size_t nl = 0, nw = 0;
    for (uint64_t i = 0; i < measured; i++) {
        if (latency[i] != UINT64_MAX) latency[nl++] = latency[i];
        if (waited[i] != UINT64_MAX) waited[nw++] = waited[i];
    }
    qsort(latency, nl, sizeof *latency, cmp_u64);
    qsort(waited, nw, sizeof *waited, cmp_u64);
    uint64_t window_start = t0 + warm_s * NS;
    double window = st.last_done > window_start ? (double)(st.last_done - window_start) / 1e9 : 0;
    double cpu = (double)(ru1.ru_utime.tv_sec - ru0.ru_utime.tv_sec + ru1.ru_stime.tv_sec - ru0.ru_stime.tv_sec)
               + (double)(ru1.ru_utime.tv_usec - ru0.ru_utime.tv_usec + ru1.ru_stime.tv_usec - ru0.ru_stime.tv_usec) / 1e6;
    printf("rate=%llu/s requests=%zu (after %llu s warm-up) achieved=%.0f/s errors=%llu non2xx=%llu "
           "p50=%.3fms p90=%.3fms p99=%.3fms p99.9=%.3fms max=%.3fms | queued p99=%.3fms max=%.3fms | "
           "generator cpu=%.2fs %.1fus/request conns=%d\n",
           (unsigned long long)rate, nl, (unsigned long long)warm_s, window > 0 ? (double)nl / window : 0,
           (unsigned long long)st.measured_errors, (unsigned long long)st.non2xx,
           pct_ms(latency, nl, 50), pct_ms(latency, nl, 90), pct_ms(latency, nl, 99), pct_ms(latency, nl, 99.9),
           nl ? (double)latency[nl - 1] / 1e6 : 0, pct_ms(waited, nw, 99), nw ? (double)waited[nw - 1] / 1e6 : 0,
           cpu, st.completed + st.errors ? cpu * 1e6 / (double)(st.completed + st.errors) : 0, nconns);
    if (st.first_error[0]) printf("first error: %s (socket/protocol errors in all, warm-up included: %llu)\n",
                                  st.first_error, (unsigned long long)st.errors);
    return 0;
}

#!/usr/bin/env python3
"""Checks openloop's HTTP/1.1 answer parsing and error counting against a tiny local server (port 19555, 100 req/s,
a few seconds: light enough to run without the CPU lock). Usage: openloop_selftest.py /path/to/openloop"""
import re, socket, subprocess, sys, threading

ANSWERS = {  # mode -> (answer bytes for the n-th request, expected errors, expected non2xx) over 200 measured requests
    "length": (lambda n: b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 0, 0),
    "chunked": (lambda n: b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n6\r\n world\r\n"
                          b"0\r\nX-Trailer: y\r\n\r\n", 0, 0),
    "interim": (lambda n: b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n", 0, 0),
    "non2xx": (lambda n: b"HTTP/1.1 429 Too Many Requests\r\nContent-Length: 2\r\n\r\nno", 0, 200),
    "close": (lambda n: b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 0, 0),
    "until-eof": (lambda n: b"HTTP/1.0 200 OK\r\n\r\nbody until close", 0, 0),
    "garbage": (lambda n: b"NOT HTTP\r\n\r\n", 200, 0),
    "truncated": (lambda n: b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort", 200, 0),
}
CLOSES = {"close", "until-eof", "truncated"}

def serve(listener, mode, bytewise):
    answer = ANSWERS[mode][0]
    while True:
        conn, _ = listener.accept()
        threading.Thread(target=handle, args=(conn, mode, answer, bytewise), daemon=True).start()

def handle(conn, mode, answer, bytewise):
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf, n = b"", 0
    with conn:
        while True:
            while b"\r\n\r\n" not in buf:
                data = conn.recv(65536)
                if not data:
                    return
                buf += data
            head, _, rest = buf.partition(b"\r\n\r\n")
            length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
            while len(rest) < length:
                rest += conn.recv(65536)
            buf, n = rest[length:], n + 1
            out = answer(n)
            if bytewise:  # every byte in its own segment: the parser must resume anywhere
                for b in out:
                    conn.send(bytes([b]))
            else:
                conn.sendall(out)
            if mode in CLOSES:
                return

def main():
    binary, failures = sys.argv[1], 0
    with open("/tmp/openloop-selftest-body.json", "w") as f:
        f.write('{"a":1}\n')
    for mode, (_, errors, non2xx) in ANSWERS.items():
        for bytewise in (False, True):
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", 0))
            listener.listen(128)
            threading.Thread(target=serve, args=(listener, mode, bytewise), daemon=True).start()
            url = "http://127.0.0.1:%d/v1/x" % listener.getsockname()[1]
            out = subprocess.run([binary, "-w", "1", "-c", "4", "-T", "2", url, "/tmp/openloop-selftest-body.json",
                                  "sk-test", "100", "2"], capture_output=True, text=True, timeout=30).stdout
            got = dict(re.findall(r"(requests|errors|non2xx)=(\d+)", out))
            want = {"requests": str(200 - errors), "errors": str(errors), "non2xx": str(non2xx)}
            ok = got == want
            failures += not ok
            print("%-4s %-10s %-9s %s" % ("ok" if ok else "FAIL", mode, "bytewise" if bytewise else "whole", out.splitlines()[0] if out else "(no output)"))
            listener.close()
    sys.exit(1 if failures else 0)

main()

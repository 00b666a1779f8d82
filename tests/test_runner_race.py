"""Many examples forked at once by one fork server, through a control socket that fills up.

An event loop keeps one writer callback per file descriptor: requests that
each waited for the socket to drain with their own ``add_writer`` replaced one
another, and all but the last waited forever.
"""

import asyncio
import socket
import textwrap

from harness.runner import Job, run_all

SMALL_BUFFER = 4096  # bytes; the kernel doubles it, and one request carries the whole environment


def _small_seqpacket_pairs(original):
    def socketpair(family=socket.AF_UNIX, type=socket.SOCK_STREAM, proto=0):
        pair = original(family, type, proto)
        if type == socket.SOCK_SEQPACKET:
            for end in pair:
                end.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SMALL_BUFFER)
                end.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, SMALL_BUFFER)
        return pair
    return socketpair


def test_concurrent_forks_through_a_full_control_socket_all_start(tmp_path, monkeypatch):
    monkeypatch.setattr(socket, "socketpair", _small_seqpacket_pairs(socket.socketpair))
    example = tmp_path / "hello.py"
    example.write_text(textwrap.dedent("print('hello')\n"))
    jobs = [Job(example, timeline=False) for _ in range(40)]
    runs = asyncio.run(asyncio.wait_for(run_all(jobs), 30))
    assert [[line.text for line in run.lines] for run in runs] == [["hello"]] * len(jobs)
    assert all(run.exit_status == 0 for run in runs)

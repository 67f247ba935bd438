"""app/server_tuning.py: TCP_NODELAY on the open sockets and every later connection; freed heap pages
given back to the system."""
import platform
import socket
import sys

import psutil
import pytest

from app.server_tuning import disable_nagle, release_free_heap

MB = 1024 * 1024


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd (Linux)")
def test_open_sockets_and_later_connections_get_nodelay():
    # As Streamlit binds it: protocol number 0, so asyncio would leave Nagle's algorithm on.
    with socket.socket(socket.AF_INET) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        early_client = socket.create_connection(listener.getsockname())
        early, _ = listener.accept()
        assert (listener.proto, nodelay(listener), nodelay(early)) == (0, 0, 0)

        assert disable_nagle() >= 2

        late_client = socket.create_connection(listener.getsockname())
        late, _ = listener.accept()
        assert (nodelay(listener), nodelay(early), nodelay(late)) == (1, 1, 1)
        for sock in (early_client, early, late_client, late):
            sock.close()


def test_other_descriptors_are_left_alone_and_stay_open(tmp_path):
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    unix_pair = socket.socketpair(socket.AF_UNIX)
    with (tmp_path / "file").open("w") as file:
        disable_nagle()
        file.write("still open")
    unix_pair[0].sendall(b"x")
    assert unix_pair[1].recv(1) == b"x"  # not closed by the sweep
    udp.bind(("127.0.0.1", 0))
    for sock in (udp, *unix_pair):
        sock.close()


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_release_free_heap_gives_freed_pages_back_to_the_system():
    """Pages freed between live heap blocks stay resident until malloc_trim hands them back."""
    blocks = [bytes(4000) for _ in range(40_000)]  # ~160 MiB of malloc'd blocks, not pymalloc's
    survivors = blocks[::64]  # keep a few so the heap cannot simply shrink from its top
    del blocks
    before = psutil.Process().memory_info().rss
    release_free_heap()
    after = psutil.Process().memory_info().rss
    assert before - after > 50 * MB
    del survivors  # alive until here: their blocks pinned the pages around the freed ones

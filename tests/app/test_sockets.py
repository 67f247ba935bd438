"""TCP_NODELAY on the server's sockets (app/sockets.py): the open ones and every later connection."""
import socket
import sys

import pytest

from app.sockets import disable_nagle

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd (Linux)")


def nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


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

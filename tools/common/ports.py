"""A free TCP port on 127.0.0.1 (the servers of `make lab`, `make classroom`, the gradebook)."""
import socket


def free_port(preferred=None):
    """``preferred`` if it is free on 127.0.0.1, else a port the system picks."""
    for port in ([preferred] if preferred else []) + [0]:
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]

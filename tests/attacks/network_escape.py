"""Tries the network: DNS lookups, TCP connections to public hosts (1.1.1.1:53, 8.8.8.8:53, example.com:80 with an HTTP
GET) and to local services (127.0.0.1 ports 22, 5432, 8888, 8000, 6379), prints what connected.
"""

KIND = "escape"
PLACEMENT = "extra_cell_first"
REST = "blank"
CODE = r'''import socket as _atk_socket, time as _atk_time

_atk_end = _atk_time.time() + 25
try:
    print("ATTACK network_escape: DNS example.com ->", _atk_socket.gethostbyname("example.com"))
except Exception as _atk_error:
    print("ATTACK network_escape: DNS failed", repr(_atk_error))
for _atk_host, _atk_port in [("1.1.1.1", 53), ("8.8.8.8", 53), ("example.com", 80), ("pypi.org", 443),
                             ("127.0.0.1", 22), ("127.0.0.1", 5432), ("127.0.0.1", 8888), ("127.0.0.1", 8000),
                             ("127.0.0.1", 6379)]:
    if _atk_time.time() > _atk_end:
        break
    try:
        _atk_s = _atk_socket.create_connection((_atk_host, _atk_port), timeout=2)
        if _atk_port == 80:
            _atk_s.sendall(b"GET / HTTP/1.0\r\nHost: example.com\r\n\r\n")
            print("ATTACK network_escape: HTTP", _atk_s.recv(60))
        _atk_s.close()
        print("ATTACK network_escape: CONNECTED", _atk_host, _atk_port)
    except Exception as _atk_error:
        print("ATTACK network_escape: no", _atk_host, _atk_port, type(_atk_error).__name__)
'''

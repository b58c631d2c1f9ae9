"""gunicorn settings, all from the environment: ``gunicorn -c gfmd_platform/gunicorn.conf.py``.

WEB_CONCURRENCY  worker processes (default: 2 x CPUs + 1)
GUNICORN_THREADS threads per worker (default 1: sync workers)
PORT             listen port (default 8000), on HOST (default 127.0.0.1: behind the proxy;
                 HOST=0.0.0.0 to listen on every interface)
TRUSTED_PROXIES  addresses/networks whose X-Forwarded-* headers are believed (as in Django)
GUNICORN_TIMEOUT seconds before a stuck worker is replaced (default 30)
"""

import multiprocessing
import os

wsgi_app = "gfmd_platform.wsgi:application"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = timeout
keepalive = 5
# Import the app once in the master and fork workers from it: a recycled worker starts in
# milliseconds instead of re-importing Django, and every worker runs the same code. Django
# opens no database connection at import, so none is shared across the fork.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
# Recycle workers now and then so a slow leak cannot grow without bound; jitter avoids all
# workers restarting at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# The app logs one structured line per request itself (gfmd_platform.middleware).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# Trust X-Forwarded-* only from the load balancer's addresses: the same TRUSTED_PROXIES the
# app reads (core.net), none when it is empty.
forwarded_allow_ips = ",".join(
    item.strip() for item in os.environ.get("TRUSTED_PROXIES", "").split(",") if item.strip()
)
